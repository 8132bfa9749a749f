-- KYC: verifications started at providers, the callback inbox, and the history of status changes.
-- No personal data: provider ids, status words, reason codes and times only. Raw callback bodies are
-- not kept (some providers put names and dates of birth in them); their SHA-256 is, for investigation.

ALTER TABLE customers ADD COLUMN screening_status text NOT NULL DEFAULT 'not_screened';

-- One row per verification attempt at a provider. Events about it apply in provider time order:
-- last_event_at is the provider time of the newest event applied.
CREATE TABLE kyc_verifications (
    id             uuid        PRIMARY KEY,
    customer_id    text        NOT NULL REFERENCES customers (id),
    provider       text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('identity', 'screening')),
    level          text        NOT NULL,
    provider_ref   text        NOT NULL,
    applicant_ref  text        NULL,
    status         text        NOT NULL,
    raw_status     text        NOT NULL,
    reason_codes   text[]      NOT NULL DEFAULT '{}',
    last_event_at  timestamptz NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    reconciled_at  timestamptz NULL
);

-- Not unique: Sumsub keeps one applicant per customer, so later verifications there share its id;
-- events apply to the newest verification with the reference.
CREATE INDEX kyc_verifications_by_ref ON kyc_verifications (provider, provider_ref, created_at DESC);
CREATE INDEX kyc_verifications_by_customer ON kyc_verifications (customer_id, created_at DESC);
CREATE INDEX kyc_verifications_by_applicant ON kyc_verifications (provider, applicant_ref) WHERE applicant_ref IS NOT NULL;
CREATE INDEX kyc_verifications_open ON kyc_verifications (updated_at) WHERE status IN ('none', 'pending');

-- Every verified callback, stored before it is acknowledged; a resend of the same event is the same row.
CREATE TABLE kyc_inbox (
    id              bigserial   PRIMARY KEY,
    provider        text        NOT NULL,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    provider_ref    text        NOT NULL,
    customer_ref    text        NULL,
    status          text        NULL,
    screening       text        NULL,
    raw_status      text        NOT NULL,
    reason_codes    text[]      NOT NULL DEFAULT '{}',
    occurred_at     timestamptz NULL,
    needs_fetch     boolean     NOT NULL,
    body_sha256     bytea       NOT NULL,
    request_id      text        NULL,
    received_at     timestamptz NOT NULL,
    -- received → applied | ignored (no change, or older than what is applied) | unmatched (unknown applicant) | failed
    state           text        NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'applied', 'ignored', 'unmatched', 'failed')),
    detail          text        NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NULL,
    processed_at    timestamptz NULL,
    UNIQUE (provider, event_id)
);

CREATE INDEX kyc_inbox_waiting ON kyc_inbox (id) WHERE state = 'received';

-- What changed a customer's KYC or screening status, when, and on which evidence.
CREATE TABLE kyc_status_history (
    id              bigserial   PRIMARY KEY,
    customer_id     text        NOT NULL REFERENCES customers (id),
    verification_id uuid        NOT NULL REFERENCES kyc_verifications (id),
    provider        text        NOT NULL,
    dimension       text        NOT NULL CHECK (dimension IN ('identity', 'screening')),
    from_status     text        NULL,
    to_status       text        NOT NULL,
    raw_status      text        NOT NULL,
    reason_codes    text[]      NOT NULL DEFAULT '{}',
    source          text        NOT NULL CHECK (source IN ('start', 'callback', 'reconciliation')),
    event_id        text        NULL,
    provider_time   timestamptz NULL,
    recorded_at     timestamptz NOT NULL
);

CREATE INDEX kyc_status_history_by_customer ON kyc_status_history (customer_id, id);

GRANT SELECT, INSERT, UPDATE ON kyc_verifications, kyc_inbox TO compliance_app;
GRANT SELECT, INSERT ON kyc_status_history TO compliance_app;
GRANT USAGE ON SEQUENCE kyc_inbox_id_seq, kyc_status_history_id_seq TO compliance_app;
