-- One check's write transaction as the service issues it (CheckStore.DecideAsync): the same two
-- round trips, each a pipeline of prepared statements as Npgsql sends a batch (run with -M prepared):
-- BEGIN + lock + idempotency look-up + customer + velocity aggregate + counterparty seen; then the
-- chain head advanced and hashed in SQL, the decision and velocity inserts, and COMMIT. Tables from
-- pgbench-setup.sql. Payload sizes are those the service stores. (Until 2026-12-04 this ran each
-- round trip as one simple-protocol query, parsed and planned every time: 2.3x the database CPU of
-- what the service sends, which made the reference slower than the service's real shape.)
\set cid random(1, 3000)
\set tx random(1, 4611686018427387903)
\set amount random(1, 500)
\set cp random(0, 4)
\set shard random(0, 255)
\startpipeline
BEGIN;
SELECT pg_advisory_xact_lock(:cid);
SELECT request_hash, response FROM pgb_decisions WHERE transaction_id = 'b-' || :client_id || '-' || :tx;
SELECT country, risk_rating, pep, segment, kyc_status, kyc_level, kyc_verified_at, created_at FROM pgb_customers WHERE id = 'c-' || :cid;
SELECT count(*) FILTER (WHERE occurred_at > now() - interval '1 hour')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '1 hour'), 0), count(*) FILTER (WHERE occurred_at > now() - interval '24 hours')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '24 hours'), 0), count(*) FILTER (WHERE occurred_at > now() - interval '7 days')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '7 days'), 0), count(*)::int, coalesce(sum(amount_base), 0), count(*) FILTER (WHERE occurred_at >= date_trunc('day', now()))::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('day', now())), 0), count(*) FILTER (WHERE occurred_at >= date_trunc('month', now()))::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('month', now())), 0), count(*) FILTER (WHERE occurred_at >= date_trunc('day', now()) AND type = 'withdrawal')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('day', now()) AND type = 'withdrawal'), 0), count(*) FILTER (WHERE counterparty_key = sha256(('cp-' || :cid || '-' || :cp)::bytea))::int, coalesce(sum(amount_base) FILTER (WHERE counterparty_key = sha256(('cp-' || :cid || '-' || :cp)::bytea)), 0), count(DISTINCT counterparty_key) FILTER (WHERE occurred_at > now() - interval '24 hours')::int FROM pgb_velocity WHERE customer_id = 'c-' || :cid AND counted AND occurred_at > now() - interval '31 days';
SELECT EXISTS (SELECT 1 FROM pgb_velocity WHERE customer_id = 'c-' || :cid AND counterparty_key = sha256(('cp-' || :cid || '-' || :cp)::bytea));
\endpipeline
\startpipeline
WITH head AS (UPDATE pgb_chain_heads SET prev_hash = hash, seq = seq + 1, hash = sha256(hash || repeat('h', 30)::bytea || convert_to(length((seq + 1)::text)::text || ':' || (seq + 1)::text, 'UTF8') || repeat('t', 2700)::bytea) WHERE chain = 'decisions-' || :shard RETURNING seq, prev_hash, hash), decision AS (INSERT INTO pgb_decisions SELECT 'b-' || :client_id || '-' || :tx, gen_random_uuid(), 'c-' || :cid, sha256(:tx::text::bytea), repeat('r', 420), repeat('f', 1900), 'allow', 0, '[]', 'default', 1, 1, now(), 40, repeat('p', 330), NULL, NULL, 'decisions-' || :shard, head.seq, head.prev_hash, head.hash FROM head RETURNING transaction_id), counted AS (INSERT INTO pgb_velocity (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key) SELECT transaction_id, 'c-' || :cid, now(), :amount, 'transfer', 'online', sha256(('cp-' || :cid || '-' || :cp)::bytea) FROM decision) SELECT count(*)::int FROM decision;
COMMIT;
\endpipeline
