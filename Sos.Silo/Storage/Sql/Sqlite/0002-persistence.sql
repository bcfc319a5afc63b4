-- Sos schema, SQLite, migration 0002: grain state for AddAdoNetGrainStorage.
--
-- Same contract as the PostgreSQL migration 0003 (parameters @GrainIdHash, @GrainTypeHash,
-- @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
-- @GrainStateVersion, @PayloadBinary; columns PayloadBinary, Version, NewGrainStateVersion).
-- A write, clear or delete succeeds only against the version the grain holds; on a conflict
-- the query returns no row and the provider throws InconsistentStateException.
-- Every query text is a sequence of single statements, each atomic on its own; needs
-- SQLite 3.35+ (RETURNING), which Microsoft.Data.Sqlite bundles.
--
-- Idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    grain_id_hash   INTEGER NOT NULL,
    grain_type_hash INTEGER NOT NULL,
    grain_id_n0     INTEGER NOT NULL,
    grain_id_n1     INTEGER NOT NULL,
    service_id      TEXT    NOT NULL,
    grain_type      TEXT    NOT NULL,
    grain_id_ext    TEXT,
    payload         BLOB,
    version         INTEGER NOT NULL,
    modified_at     TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- One row per grain identity. SQLite treats NULLs as distinct in a UNIQUE index, so the key
-- extension is folded: '0' for none, '1' || extension otherwise. Two activations racing to
-- create the same state cannot both insert it.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                            service_id, grain_type, ifnull('1' || grain_id_ext, '0'));

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('ReadFromStorageKey', '
SELECT
    payload AS PayloadBinary,
    version AS Version
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString;
'),

-- With an ETag: update that exact version. Without one: create the row, unless it exists.
-- At most one of the two statements returns a row.
('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload = @PayloadBinary,
    version = version + 1,
    modified_at = CURRENT_TIMESTAMP
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;

INSERT INTO orleans_grain_state
    (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
     service_id, grain_type, grain_id_ext, payload, version)
SELECT
    @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
    @ServiceId, @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
'),

-- Keeps the row with no payload: the next write must carry the returned version.
('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload = NULL,
    version = version + 1,
    modified_at = CURRENT_TIMESTAMP
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
'),

-- Used instead of ClearStorageKey when the storage option DeleteStateOnClear is set.
('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = excluded.QueryText
WHERE QueryText IS NOT excluded.QueryText;
