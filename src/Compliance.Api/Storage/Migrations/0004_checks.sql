-- Pre-transaction checks: published rule sets, versioned exchange rates, the decision log and the
-- velocity ledger.

-- Rule sets and their versions. Exactly one version of a rule set is published at a time.
CREATE TABLE rule_sets (
    name       text        PRIMARY KEY,
    created_at timestamptz NOT NULL
);

CREATE TABLE rule_set_versions (
    rule_set     text        NOT NULL REFERENCES rule_sets (name),
    version      integer     NOT NULL CHECK (version > 0),
    status       text        NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'published', 'retired', 'rejected')),
    workflow     text        NOT NULL,
    settings     text        NOT NULL,
    tests        text        NULL,
    content_hash text        NOT NULL,
    based_on     integer     NULL,
    author       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz NULL,
    PRIMARY KEY (rule_set, version)
);

CREATE UNIQUE INDEX rule_set_versions_one_published ON rule_set_versions (rule_set) WHERE status = 'published';

-- Exchange rates: units of the base currency per unit of a currency, in immutable versions.
CREATE TABLE fx_rate_sets (
    version       integer     PRIMARY KEY,
    base_currency text        NOT NULL,
    source        text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE fx_rates (
    version  integer        NOT NULL REFERENCES fx_rate_sets (version),
    currency text           NOT NULL,
    rate     numeric(24, 12) NOT NULL CHECK (rate > 0),
    PRIMARY KEY (version, currency)
);

-- Version 1: reference rates for development and tests. Production loads its own versions.
INSERT INTO fx_rate_sets (version, base_currency, source, created_at)
VALUES (1, 'EUR', 'seed: approximate reference rates, for development only', now());
INSERT INTO fx_rates (version, currency, rate) VALUES
    (1, 'EUR', 1), (1, 'USD', 0.92), (1, 'GBP', 1.17), (1, 'CHF', 1.05), (1, 'JPY', 0.0062), (1, 'CAD', 0.67),
    (1, 'AUD', 0.60), (1, 'NZD', 0.55), (1, 'SEK', 0.087), (1, 'NOK', 0.085), (1, 'DKK', 0.134), (1, 'PLN', 0.23),
    (1, 'CZK', 0.040), (1, 'HUF', 0.0025), (1, 'RON', 0.20), (1, 'BGN', 0.511), (1, 'TRY', 0.027), (1, 'CNY', 0.128),
    (1, 'HKD', 0.118), (1, 'SGD', 0.69), (1, 'INR', 0.011), (1, 'BRL', 0.16), (1, 'MXN', 0.050), (1, 'ZAR', 0.050),
    (1, 'AED', 0.25), (1, 'SAR', 0.245), (1, 'ILS', 0.25), (1, 'KRW', 0.00066), (1, 'NGN', 0.00059), (1, 'UAH', 0.022);

-- The decision log: one row per transaction id (the idempotency key), never updated except for
-- the payment system's reported outcome. Rows are hash-chained per customer shard (chain_heads),
-- covering everything but the outcome, which is recorded in the audit log instead.
CREATE TABLE decisions (
    transaction_id   text        PRIMARY KEY,
    check_id         uuid        NOT NULL UNIQUE,
    customer_id      text        NOT NULL,
    request_hash     bytea       NOT NULL,
    request          text        NOT NULL,
    facts            text        NOT NULL,
    decision         text        NOT NULL CHECK (decision IN ('allow', 'review', 'block')),
    score            integer     NOT NULL,
    reasons          text        NOT NULL,
    rule_set         text        NOT NULL,
    rule_set_version integer     NOT NULL,
    rates_version    integer     NOT NULL,
    decided_at       timestamptz NOT NULL,
    evaluation_us    integer     NOT NULL,
    response         text        NOT NULL,
    outcome          text        NULL CHECK (outcome IN ('completed', 'reversed', 'failed')),
    outcome_at       timestamptz NULL,
    chain            text        NOT NULL,
    seq              bigint      NOT NULL,
    prev_hash        bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash             bytea       NOT NULL CHECK (length(hash) = 32),
    UNIQUE (chain, seq)
);

CREATE INDEX decisions_by_time ON decisions (decided_at);
CREATE INDEX decisions_by_customer ON decisions (customer_id, decided_at);

-- What counts towards velocity: allowed and reviewed transactions, until reported reversed or failed.
CREATE TABLE velocity_entries (
    transaction_id   text           PRIMARY KEY REFERENCES decisions (transaction_id),
    customer_id      text           NOT NULL,
    occurred_at      timestamptz    NOT NULL,
    amount_base      numeric(20, 4) NOT NULL,
    type             text           NOT NULL,
    channel          text           NULL,
    counterparty_key bytea          NULL,
    counted          boolean        NOT NULL DEFAULT true
);

CREATE INDEX velocity_by_customer ON velocity_entries (customer_id, occurred_at)
    INCLUDE (amount_base, type, counterparty_key) WHERE counted;
CREATE INDEX velocity_by_counterparty ON velocity_entries (customer_id, counterparty_key);

REVOKE UPDATE, DELETE, TRUNCATE ON decisions FROM PUBLIC;
GRANT SELECT, INSERT ON decisions TO compliance_app;
GRANT UPDATE (outcome, outcome_at) ON decisions TO compliance_app;
GRANT SELECT, INSERT, UPDATE ON velocity_entries, rule_sets, rule_set_versions TO compliance_app;
GRANT SELECT ON fx_rate_sets, fx_rates TO compliance_app;
