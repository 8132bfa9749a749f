-- Customers. Attributes rules decide on are plain columns; personal data lives only in
-- customer_pii as AES-256-GCM envelopes bound to (table, field, customer), under a data key of
-- the customer's own (customer_keys). Deleting a customer's key row crypto-shreds their PII.

CREATE TABLE customers (
    id              text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
    country         text        NULL,
    risk_rating     text        NOT NULL CHECK (risk_rating IN ('low', 'medium', 'high')),
    pep             boolean     NOT NULL,
    segment         text        NULL,
    kyc_status      text        NOT NULL DEFAULT 'none',
    kyc_level       text        NULL,
    kyc_verified_at timestamptz NULL,
    created_at      timestamptz NOT NULL,
    pii_erased_at   timestamptz NULL
);

-- One data key per customer, wrapped by a KEK version recorded in full (unwrap uses exactly it).
CREATE TABLE customer_keys (
    customer_id  text        PRIMARY KEY REFERENCES customers (id),
    data_key_id  uuid        NOT NULL UNIQUE,
    provider     text        NOT NULL,
    kek_id       text        NOT NULL,
    algorithm    text        NOT NULL,
    wrapped_key  bytea       NOT NULL,
    encryptions  bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    rewrapped_at timestamptz NULL
);

CREATE INDEX customer_keys_by_kek ON customer_keys (kek_id, customer_id);

CREATE TABLE customer_pii (
    customer_id     text  PRIMARY KEY REFERENCES customers (id),
    full_name       bytea NULL,
    date_of_birth   bytea NULL,
    national_id     bytea NULL,
    document_number bytea NULL,
    email           bytea NULL,
    phone           bytea NULL,
    address         bytea NULL,
    nationality     bytea NULL
);

-- Keyed, truncated HMACs of normalized values, for exact-match search without decrypting.
CREATE TABLE customer_blind_indexes (
    customer_id text  NOT NULL REFERENCES customers (id),
    field       text  NOT NULL,
    value       bytea NOT NULL,
    PRIMARY KEY (customer_id, field)
);

CREATE INDEX customer_blind_indexes_lookup ON customer_blind_indexes (field, value);

GRANT SELECT, INSERT, UPDATE, DELETE ON customers, customer_keys, customer_pii, customer_blind_indexes TO compliance_app;
