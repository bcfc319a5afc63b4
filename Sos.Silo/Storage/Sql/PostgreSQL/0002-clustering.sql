-- Sos schema, PostgreSQL, migration 0002: cluster membership for UseAdoNetClustering.
--
-- Contract with Orleans.Clustering.AdoNet (what the provider sends and reads back):
--   parameters  @DeploymentId (the ClusterId), @Address, @Port, @Generation, @SiloName, @HostName,
--               @Status, @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime (UTC), @Version
--   columns     DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
--               SuspectTimes, StartTime, IAmAliveTime, Version (read by name)
--   booleans    InsertMembershipVersionKey, InsertMembershipKey and UpdateMembershipKey return one
--               row with one column: > 0 means done, 0 means refused.
-- The table version is the optimistic-concurrency token of the whole membership table: a silo
-- row may only be inserted or changed together with a bump of the version the silo last read.
--
-- Idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150) NOT NULL,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   varchar(150) NOT NULL,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       text         NOT NULL,
    host_name       text         NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,

    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_deployment_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

-- Adds a silo row and bumps the table version: both happen or neither does.
-- Returns 1 on success; 0 when p_version is stale or the silo row already exists.
CREATE OR REPLACE FUNCTION sos_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    -- Row lock on the version: writers of one deployment queue here, so the version compared
    -- below is still the current one when this transaction bumps it.
    SELECT mv.version INTO current_version
    FROM orleans_membership_version AS mv
    WHERE mv.deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS NULL OR current_version IS DISTINCT FROM p_version THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name,
         status, proxy_port, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING;

    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership_version AS mv
    SET version = mv.version + 1,
        changed_at = now()
    WHERE mv.deployment_id = p_deployment_id;

    RETURN 1;
END
$fn$;

-- Changes a silo row's status, suspicions and liveness and bumps the table version: both
-- happen or neither does. Returns 1 on success; 0 when p_version is stale or the row is gone.
CREATE OR REPLACE FUNCTION sos_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT mv.version INTO current_version
    FROM orleans_membership_version AS mv
    WHERE mv.deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS NULL OR current_version IS DISTINCT FROM p_version THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership AS m
    SET status = p_status,
        suspect_times = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE m.deployment_id = p_deployment_id
      AND m.address = p_address
      AND m.port = p_port
      AND m.generation = p_generation;

    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership_version AS mv
    SET version = mv.version + 1,
        changed_at = now()
    WHERE mv.deployment_id = p_deployment_id;

    RETURN 1;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT orleans_membership_version_pk DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created;
$sql$),

('InsertMembershipKey', $sql$
SELECT sos_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted";
$sql$),

('UpdateMembershipKey', $sql$
SELECT sos_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Updated";
$sql$),

-- Liveness heartbeat: deliberately does not touch the table version.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation;
$sql$),

-- One row per silo plus the version; a deployment with no silo yet still yields one row
-- (silo columns NULL) so that the provider learns the version.
('MembershipReadAllKey', $sql$
SELECT
    mv.deployment_id   AS "DeploymentId",
    m.address          AS "Address",
    m.port             AS "Port",
    m.generation       AS "Generation",
    m.silo_name        AS "SiloName",
    m.host_name        AS "HostName",
    m.status           AS "Status",
    m.proxy_port       AS "ProxyPort",
    m.suspect_times    AS "SuspectTimes",
    m.start_time       AS "StartTime",
    m.i_am_alive_time  AS "IAmAliveTime",
    mv.version         AS "Version"
FROM orleans_membership_version AS mv
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = mv.deployment_id
WHERE mv.deployment_id = @DeploymentId;
$sql$),

('MembershipReadRowKey', $sql$
SELECT
    mv.deployment_id   AS "DeploymentId",
    m.address          AS "Address",
    m.port             AS "Port",
    m.generation       AS "Generation",
    m.silo_name        AS "SiloName",
    m.host_name        AS "HostName",
    m.status           AS "Status",
    m.proxy_port       AS "ProxyPort",
    m.suspect_times    AS "SuspectTimes",
    m.start_time       AS "StartTime",
    m.i_am_alive_time  AS "IAmAliveTime",
    mv.version         AS "Version"
FROM orleans_membership_version AS mv
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = mv.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE mv.deployment_id = @DeploymentId;
$sql$),

-- Gateways for clients: silos with the requested status (Active) that accept clients.
('GatewaysQueryKey', $sql$
SELECT
    address    AS "Address",
    proxy_port AS "ProxyPort",
    generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0;
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$sql$),

-- Removes rows of silos that stopped heart-beating before @IAmAliveTime, except Active ones
-- (SiloStatus.Active = 3): those are left for the membership protocol to declare dead.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND i_am_alive_time < @IAmAliveTime
  AND status <> 3;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
