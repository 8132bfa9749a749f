-- Tables for pgbench-check.sql, in their own database: the shape of the service's decisions,
-- velocity_entries, velocity_hours and chain_heads (migrations 0002/0004/0024) without grants or foreign keys to
-- customers, plus a customers table, seeded like a run of the service: 3,000 customers with
-- ~20 velocity entries each within the last 30 days.
DROP TABLE IF EXISTS pgb_velocity_hours, pgb_velocity, pgb_decisions, pgb_chain_heads, pgb_customers;

CREATE TABLE pgb_customers (
    id text PRIMARY KEY, country text NOT NULL, risk_rating text NOT NULL, pep boolean NOT NULL, segment text NOT NULL,
    kyc_status text NULL, kyc_level text NULL, kyc_verified_at timestamptz NULL, screening_status text NOT NULL, created_at timestamptz NOT NULL);

CREATE TABLE pgb_chain_heads (chain text PRIMARY KEY, seq bigint NOT NULL, hash bytea NOT NULL, prev_hash bytea NULL);

CREATE TABLE pgb_decisions (
    transaction_id text PRIMARY KEY, check_id uuid NOT NULL UNIQUE, customer_id text NOT NULL, request_hash bytea NOT NULL,
    request text NOT NULL, facts text NOT NULL, decision text NOT NULL CHECK (decision IN ('allow', 'review', 'block')),
    score integer NOT NULL, reasons text NOT NULL, rule_set text NOT NULL, rule_set_version integer NOT NULL,
    rates_version integer NOT NULL, decided_at timestamptz NOT NULL, evaluation_us integer NOT NULL, response text NOT NULL,
    outcome text NULL, outcome_at timestamptz NULL, chain text NOT NULL, seq bigint NOT NULL,
    prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32), hash bytea NOT NULL CHECK (length(hash) = 32), UNIQUE (chain, seq));
CREATE INDEX pgb_decisions_by_time ON pgb_decisions (decided_at);
CREATE INDEX pgb_decisions_by_customer ON pgb_decisions (customer_id, decided_at);

CREATE TABLE pgb_velocity (
    transaction_id text PRIMARY KEY REFERENCES pgb_decisions (transaction_id), customer_id text NOT NULL,
    occurred_at timestamptz NOT NULL, amount_base numeric(20, 4) NOT NULL, type text NOT NULL, channel text NULL,
    counterparty_key bytea NULL, counted boolean NOT NULL DEFAULT true);
CREATE INDEX pgb_velocity_by_customer ON pgb_velocity (customer_id, occurred_at) INCLUDE (amount_base, type, counterparty_key) WHERE counted;
CREATE INDEX pgb_velocity_by_counterparty ON pgb_velocity (customer_id, counterparty_key);

-- Velocity by customer and UTC hour (migration 0024), written by the check's own statement.
CREATE TABLE pgb_velocity_hours (
    customer_id text NOT NULL, hour timestamptz NOT NULL, entries integer NOT NULL, amount numeric(24, 4) NOT NULL,
    withdrawals integer NOT NULL, withdrawn numeric(24, 4) NOT NULL, PRIMARY KEY (customer_id, hour));

INSERT INTO pgb_customers SELECT 'c-' || i, 'DE', 'low', false, 'retail', NULL, NULL, NULL, 'clear', now() FROM generate_series(1, 3000) i;
INSERT INTO pgb_chain_heads SELECT 'decisions-' || i, 2000000, sha256('genesis') FROM generate_series(0, 255) i;

INSERT INTO pgb_decisions
SELECT 'seed-' || i, gen_random_uuid(), 'c-' || (1 + i % 3000), sha256(i::text::bytea), repeat('r', 420), repeat('f', 1900), 'allow', 0, '[]',
       'default', 1, 1, now() - (i % 720) * interval '1 hour', 40, repeat('p', 330), NULL, NULL, 'decisions-' || (i % 256), 1000000 + i,
       sha256(i::text::bytea), sha256(i::text::bytea)
FROM generate_series(1, 60000) i;
INSERT INTO pgb_velocity
SELECT 'seed-' || i, 'c-' || (1 + i % 3000), now() - (i % 720) * interval '1 hour', 1 + (i % 500), 'transfer', 'online',
       sha256(('cp-' || (i % 3000) || '-' || (i % 4))::bytea), true
FROM generate_series(1, 60000) i;
INSERT INTO pgb_velocity_hours
SELECT customer_id, date_trunc('hour', occurred_at, 'UTC'), count(*), sum(amount_base), count(*) FILTER (WHERE type = 'withdrawal'),
       coalesce(sum(amount_base) FILTER (WHERE type = 'withdrawal'), 0)
FROM pgb_velocity WHERE counted GROUP BY 1, 2;
VACUUM ANALYZE;
