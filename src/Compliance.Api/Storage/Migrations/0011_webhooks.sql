-- Webhooks: the final answer of a held transaction reaches the client that asked for the check.
-- Events are written to an outbox in the transaction that produces them and delivered from it, at
-- least once, in order per transaction.

-- Which API key asked for the check: the client its webhooks go to.
ALTER TABLE decisions ADD COLUMN client_key_id uuid NULL;

-- One endpoint per API key. Signing secrets are envelope ciphertext under the endpoint's own data
-- key (wrapped by the KEK, as customer keys are); the previous secret keeps signing until
-- previous_until, so a receiver can switch without losing a delivery.
CREATE TABLE webhook_endpoints (
    key_id          uuid        PRIMARY KEY REFERENCES api_keys (id),
    url             text        NOT NULL,
    data_key_id     uuid        NOT NULL,
    kek_provider    text        NOT NULL,
    kek_id          text        NOT NULL,
    algorithm       text        NOT NULL,
    wrapped_key     bytea       NOT NULL,
    encryptions     bigint      NOT NULL,
    secret          bytea       NOT NULL,
    previous_secret bytea       NULL,
    previous_until  timestamptz NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE webhook_outbox (
    id              bigserial   PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    key_id          uuid        NOT NULL REFERENCES api_keys (id),
    transaction_id  text        NOT NULL,
    event_type      text        NOT NULL,
    body            text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- When the next attempt is due; while an attempt is in flight, the end of its lease.
    next_attempt_at timestamptz NOT NULL,
    last_status     integer     NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz NULL
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_outbox_by_transaction ON webhook_outbox (transaction_id, id) WHERE state = 'pending';
CREATE INDEX webhook_outbox_by_key ON webhook_outbox (key_id, id);

GRANT SELECT, INSERT, UPDATE ON webhook_endpoints, webhook_outbox TO compliance_app;
GRANT USAGE ON SEQUENCE webhook_outbox_id_seq TO compliance_app;
