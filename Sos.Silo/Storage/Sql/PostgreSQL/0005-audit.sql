-- The audit trail (Sos.Grains/Audit): append-only, each row chained to the one before it by a SHA-256 hash.
CREATE TABLE sos_audit (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NULL,
    previous_hash CHAR(64) NOT NULL,
    hash CHAR(64) NOT NULL
);

CREATE INDEX sos_audit_at ON sos_audit (at);

-- Rows are never changed or removed through Sos's role: an UPDATE, DELETE or TRUNCATE is refused.
CREATE FUNCTION sos_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'sos_audit is append-only';
END;
$$;

CREATE TRIGGER sos_audit_no_update BEFORE UPDATE OR DELETE ON sos_audit
    FOR EACH ROW EXECUTE FUNCTION sos_audit_append_only();

CREATE TRIGGER sos_audit_no_truncate BEFORE TRUNCATE ON sos_audit
    FOR EACH STATEMENT EXECUTE FUNCTION sos_audit_append_only();
