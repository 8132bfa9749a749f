\set cid '''load-c-17'''
EXPLAIN (ANALYZE, BUFFERS, SETTINGS)
SELECT count(*) FILTER (WHERE occurred_at > now() - interval '1 hour')::int AS Count1h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '1 hour'), 0) AS Sum1h,
       count(*) FILTER (WHERE occurred_at > now() - interval '24 hours')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '24 hours'), 0),
       count(*) FILTER (WHERE occurred_at > now() - interval '7 days')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '7 days'), 0),
       count(*) FILTER (WHERE occurred_at > now() - interval '30 days')::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '30 days'), 0),
       count(*) FILTER (WHERE occurred_at >= date_trunc('day', now()))::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('day', now())), 0),
       count(*) FILTER (WHERE occurred_at >= date_trunc('month', now()))::int, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('month', now())), 0),
       count(*) FILTER (WHERE occurred_at >= date_trunc('day', now()) AND type = 'withdrawal')::int,
       coalesce(sum(amount_base) FILTER (WHERE occurred_at >= date_trunc('day', now()) AND type = 'withdrawal'), 0),
       count(*) FILTER (WHERE occurred_at > now() - interval '30 days' AND counterparty_key = '\x00'::bytea)::int,
       coalesce(sum(amount_base) FILTER (WHERE occurred_at > now() - interval '30 days' AND counterparty_key = '\x00'::bytea), 0),
       count(DISTINCT counterparty_key) FILTER (WHERE occurred_at > now() - interval '24 hours')::int
FROM velocity_entries
WHERE customer_id = :cid AND counted AND occurred_at > now() - interval '31 days';
EXPLAIN (ANALYZE, BUFFERS) SELECT EXISTS (SELECT 1 FROM velocity_entries WHERE customer_id = :cid AND counterparty_key = '\x00'::bytea);
EXPLAIN (ANALYZE, BUFFERS) SELECT request_hash, response FROM decisions WHERE transaction_id = 'x';
SELECT count(*) AS decisions, pg_size_pretty(pg_total_relation_size('decisions')) AS decisions_size, (SELECT count(*) FROM velocity_entries) AS velocity,
       avg(length(request))::int AS request_len, avg(length(facts))::int AS facts_len, avg(length(response))::int AS response_len FROM decisions;
SELECT decision, count(*) FROM decisions GROUP BY 1;
