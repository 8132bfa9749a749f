-- The check's write path, measured with durability on (bench/load/RESULTS.md): less work per
-- decision for PostgreSQL, nothing less kept.

-- A velocity entry is only ever inserted by the statement that inserts its decision (CheckStore),
-- from that decision's row, so the foreign key re-checked what the statement guarantees, at the
-- cost of a trigger, an index probe and a row lock on the new decision per check.
ALTER TABLE velocity_entries DROP CONSTRAINT velocity_entries_transaction_id_fkey;

-- No query reads decisions by time alone: backtests use (rule_set, decided_at), explanations and
-- cases (customer_id, decided_at). One index less to maintain per decision.
DROP INDEX decisions_by_time;

-- The stored request, facts and response (~2.7 KB together) push a decision row over the TOAST
-- threshold, where pglz compressed them on every insert; lz4 compresses as well for a fraction of
-- the CPU. Applies to rows written from now on; older rows stay readable as they are.
ALTER TABLE decisions
    ALTER COLUMN facts SET COMPRESSION lz4,
    ALTER COLUMN request SET COMPRESSION lz4,
    ALTER COLUMN response SET COMPRESSION lz4;
