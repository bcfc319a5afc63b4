-- Sos schema, PostgreSQL, migration 0004: reminders for UseAdoNetReminderService.
--
-- Contract with Orleans.Reminders.AdoNet (what the provider sends and reads back):
--   parameters  @ServiceId, @GrainId (GrainId.ToString()), @ReminderName, @StartTime (UTC),
--               @Period (milliseconds; int or bigint), @GrainHash, @BeginHash, @EndHash
--               (uint hashes passed as signed int), @Version (the ETag)
--   columns     GrainId, ReminderName, StartTime, Period (read as Int64), Version
--               UpsertReminderRowKey returns Version; DeleteReminderRowKey returns one row
--               with one column, > 0 when the row with that version was deleted.
--
-- Idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name text         NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,

    CONSTRAINT orleans_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its hash range of the ring.
CREATE INDEX IF NOT EXISTS orleans_reminder_ring_ix ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder AS r
    (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT orleans_reminder_pk DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version = r.version + 1
RETURNING r.version AS "Version";
$sql$),

('ReadReminderRowKey', $sql$
SELECT
    grain_id      AS "GrainId",
    reminder_name AS "ReminderName",
    start_time    AS "StartTime",
    period_ms     AS "Period",
    version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName;
$sql$),

('ReadReminderRowsKey', $sql$
SELECT
    grain_id      AS "GrainId",
    reminder_name AS "ReminderName",
    start_time    AS "StartTime",
    period_ms     AS "Period",
    version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId;
$sql$),

-- The range (@BeginHash, @EndHash] does not wrap around the ring (BeginHash < EndHash).
('ReadRangeRows1Key', $sql$
SELECT
    grain_id      AS "GrainId",
    reminder_name AS "ReminderName",
    start_time    AS "StartTime",
    period_ms     AS "Period",
    version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash;
$sql$),

-- The range wraps around the ring: everything above @BeginHash plus everything up to @EndHash.
('ReadRangeRows2Key', $sql$
SELECT
    grain_id      AS "GrainId",
    reminder_name AS "ReminderName",
    start_time    AS "StartTime",
    period_ms     AS "Period",
    version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$sql$),

('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS "Deleted" FROM removed;
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
