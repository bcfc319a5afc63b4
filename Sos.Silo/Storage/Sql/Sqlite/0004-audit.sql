-- The audit trail (Sos.Grains/Audit): append-only, each row chained to the one before it by a SHA-256 hash.
-- Times are UTC text of one fixed width (yyyy-MM-ddTHH:mm:ss.ffffffZ), so they compare as they sort.
CREATE TABLE sos_audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE INDEX sos_audit_at ON sos_audit (at);

-- Rows are never changed or removed through Sos: an UPDATE or DELETE is refused.
CREATE TRIGGER sos_audit_no_update BEFORE UPDATE ON sos_audit
BEGIN
    SELECT RAISE(ABORT, 'sos_audit is append-only');
END;

CREATE TRIGGER sos_audit_no_delete BEFORE DELETE ON sos_audit
BEGIN
    SELECT RAISE(ABORT, 'sos_audit is append-only');
END;
