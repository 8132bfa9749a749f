-- API keys: only a SHA-256 hash of each secret is stored; the secret is shown once at creation.
CREATE TABLE api_keys (
    id                    uuid PRIMARY KEY,
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash           bytea       NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    roles                 text[]      NOT NULL CHECK (cardinality(roles) > 0),
    rate_limit_per_second integer     NULL CHECK (rate_limit_per_second > 0),
    created_at            timestamptz NOT NULL,
    created_by            uuid        NULL REFERENCES api_keys (id),
    revoked_at            timestamptz NULL,
    revoked_by            uuid        NULL REFERENCES api_keys (id)
);

-- Security-relevant events until the tamper-evident audit log arrives (it will absorb these rows).
CREATE TABLE security_events (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    principal   text        NOT NULL,
    action      text        NOT NULL,
    subject     text        NULL,
    request_id  text        NULL,
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
