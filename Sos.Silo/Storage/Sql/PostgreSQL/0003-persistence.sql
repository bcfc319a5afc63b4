-- Sos schema, PostgreSQL, migration 0003: grain state for AddAdoNetGrainStorage.
--
-- Contract with Orleans.Persistence.AdoNet (what the provider sends and reads back):
--   parameters  @GrainIdHash, @GrainTypeHash (int), @GrainIdN0, @GrainIdN1 (bigint),
--               @GrainTypeString, @GrainIdExtensionString (NULL when the key has no
--               extension), @ServiceId, @GrainStateVersion (the ETag, NULL for a state never
--               written or deleted), @PayloadBinary
--   columns     ReadFromStorageKey: PayloadBinary, Version
--               WriteToStorageKey / ClearStorageKey / DeleteStorageKey: NewGrainStateVersion
--   concurrency A write, clear or delete succeeds only against the version the grain holds.
--               On a conflict these queries return no row; the provider then throws
--               InconsistentStateException. A deleted state comes back as a NULL ETag, and
--               DeleteStorageKey returns the deleted version + 1 (anything but the ETag sent).
--
-- Idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    grain_id_hash   integer     NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_ext    text,
    -- The text parts of the identity folded into 16 bytes (length-prefixed, so the encoding
    -- is unambiguous). Together with the numeric parts it is the primary key: the key stays
    -- narrow whatever the length of type names, and two activations racing to create the
    -- same state cannot both insert it.
    key_digest      uuid        NOT NULL GENERATED ALWAYS AS (
        md5(
            length(service_id)::text || ':' || service_id || '|' ||
            length(grain_type)::text || ':' || grain_type || '|' ||
            coalesce(length(grain_id_ext)::text || ':' || grain_id_ext, '-')
        )::uuid) STORED,
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_grain_state_pk
        PRIMARY KEY (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, key_digest)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('ReadFromStorageKey', $sql$
SELECT
    payload AS "PayloadBinary",
    version AS "Version"
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$),

-- With an ETag: update that exact version. Without one: create the row, unless it exists.
-- At most one of the two returns a row.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state AS s
    SET payload = @PayloadBinary,
        version = s.version + 1,
        modified_at = now()
    WHERE s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
),
created AS (
    INSERT INTO orleans_grain_state
        (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
         service_id, grain_type, grain_id_ext, payload, version)
    SELECT
        @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
        @ServiceId, @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_pk DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM created;
$sql$),

-- Keeps the row (and its version history) with no payload: the next write must carry the
-- returned version.
('ClearStorageKey', $sql$
UPDATE orleans_grain_state AS s
SET payload = NULL,
    version = s.version + 1,
    modified_at = now()
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.service_id = @ServiceId
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
  AND s.version = @GrainStateVersion
RETURNING s.version AS "NewGrainStateVersion";
$sql$),

-- Used instead of ClearStorageKey when the storage option DeleteStateOnClear is set.
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state AS s
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.service_id = @ServiceId
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
  AND s.version = @GrainStateVersion
RETURNING s.version + 1 AS "NewGrainStateVersion";
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
