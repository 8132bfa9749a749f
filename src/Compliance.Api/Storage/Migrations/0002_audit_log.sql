-- The tamper-evident audit log. Rows are spread over a few hash chains (chain_heads) so writers
-- in different chains never wait for each other; each row carries the hash of its own content and
-- of the previous row of its chain:
--   hash = sha256(prev_hash || canonical)   (prev_hash of a chain's first row: 32 zero bytes)
--   canonical = for each field in order: <octet length> ':' <UTF-8 bytes>
--     'audit/v1', chain, seq, occurred_at (UTC, microseconds: YYYY-MM-DDTHH:MI:SS.ffffffZ),
--     principal, action, subject_type, subject, fields (comma-joined), purpose, outcome,
--     request_id, detail    (NULLs as empty strings)
-- AuditHasher.cs computes the same bytes; audit_canonical() below exists to absorb the rows
-- written before this table did, and documents the format in SQL.

CREATE TABLE chain_heads (
    chain text   PRIMARY KEY,
    seq   bigint NOT NULL,
    hash  bytea  NOT NULL CHECK (length(hash) = 32)
);

CREATE TABLE audit_log (
    id           bigserial   PRIMARY KEY,
    chain        text        NOT NULL,
    seq          bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    principal    text        NOT NULL,
    action       text        NOT NULL,
    subject_type text        NULL,
    subject      text        NULL,
    fields       text[]      NOT NULL DEFAULT '{}',
    purpose      text        NULL,
    outcome      text        NOT NULL,
    request_id   text        NULL,
    detail       text        NULL,
    prev_hash    bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash         bytea       NOT NULL CHECK (length(hash) = 32),
    UNIQUE (chain, seq)
);

CREATE INDEX audit_log_subject ON audit_log (subject_type, subject, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- Append-only for everyone, owner and superuser included, short of disabling the trigger (which
-- the verifier then catches through the hashes).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Least privilege: the service should connect as a member of compliance_app, which may read and
-- append audit rows but never change them. Migrations run as the owner.
-- Roles are cluster-wide: databases migrating at the same time may race to create it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'compliance_app') THEN
        CREATE ROLE compliance_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;
REVOKE ALL ON audit_log FROM PUBLIC;
GRANT SELECT, INSERT ON audit_log TO compliance_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO compliance_app;
GRANT SELECT, INSERT, UPDATE ON chain_heads TO compliance_app;
GRANT SELECT, INSERT, UPDATE ON api_keys TO compliance_app;

CREATE FUNCTION audit_field(value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT convert_to(octet_length(convert_to(coalesce(value, ''), 'UTF8'))::text || ':', 'UTF8')
           || convert_to(coalesce(value, ''), 'UTF8')
$$;

CREATE FUNCTION audit_canonical(chain text, seq bigint, occurred_at timestamptz, principal text, action text,
                                subject_type text, subject text, fields text[], purpose text, outcome text,
                                request_id text, detail text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT audit_field('audit/v1') || audit_field(chain) || audit_field(seq::text)
        || audit_field(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || audit_field(principal) || audit_field(action) || audit_field(subject_type) || audit_field(subject)
        || audit_field(array_to_string(fields, ',')) || audit_field(purpose) || audit_field(outcome)
        || audit_field(request_id) || audit_field(detail)
$$;

-- Absorb the security events recorded before the audit log existed, into chain audit-0, in order.
DO $$
DECLARE
    r record;
    n bigint := 0;
    previous bytea := decode(repeat('00', 32), 'hex');
    current_hash bytea;
BEGIN
    FOR r IN SELECT * FROM security_events ORDER BY id LOOP
        n := n + 1;
        current_hash := sha256(previous || audit_canonical('audit-0', n, r.occurred_at, r.principal, r.action, 'api_key',
                                                            r.subject, '{}', NULL, 'success', r.request_id, NULL));
        INSERT INTO audit_log (chain, seq, occurred_at, principal, action, subject_type, subject, fields, purpose, outcome, request_id, detail, prev_hash, hash)
        VALUES ('audit-0', n, r.occurred_at, r.principal, r.action, 'api_key', r.subject, '{}', NULL, 'success', r.request_id, NULL, previous, current_hash);
        previous := current_hash;
    END LOOP;
    IF n > 0 THEN
        INSERT INTO chain_heads (chain, seq, hash) VALUES ('audit-0', n, previous);
    END IF;
END;
$$;

DROP TABLE security_events;
