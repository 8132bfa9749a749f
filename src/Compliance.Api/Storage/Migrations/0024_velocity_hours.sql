-- Velocity by customer and UTC hour, so that a check's velocity read does not grow with the
-- customer's history. Aggregating every entry of the last 30 days cost ~1.3 µs per entry: 13 ms a
-- check for a merchant with 10,000 payments a month, 134 ms for one with 100,000, with the
-- customer's lock held (bench/load/RESULTS.md, "Hot customers with a history"). With these totals a
-- check reads at most ~740 hour rows, the raw entries of the one partial hour at the start of the
-- 7- and 30-day windows, its last 24 hours (1 h, 24 h, today and distinct counterparties) and its
-- entries with this counterparty.
--
-- Kept exact in the transaction that changes an entry: the check's own statement adds the entry it
-- inserts (CheckStatements; the only place entries are inserted), and a trigger applies the rare
-- updates of outcomes, cases and disputes (counted, amount_base). A trigger on insert too would
-- cost every check ~0.05 ms of PostgreSQL CPU for nothing.
CREATE TABLE velocity_hours (
    customer_id      text           NOT NULL,
    hour             timestamptz    NOT NULL,
    entries          integer        NOT NULL,
    amount           numeric(24, 4) NOT NULL,
    withdrawals      integer        NOT NULL,
    withdrawn        numeric(24, 4) NOT NULL,
    PRIMARY KEY (customer_id, hour)
);

CREATE FUNCTION velocity_hours_apply(customer text, at timestamptz, amount numeric, entry_type text, sign integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO velocity_hours AS h (customer_id, hour, entries, amount, withdrawals, withdrawn)
    VALUES (customer, date_trunc('hour', at, 'UTC'), sign, sign * amount,
            CASE WHEN entry_type = 'withdrawal' THEN sign ELSE 0 END, CASE WHEN entry_type = 'withdrawal' THEN sign * amount ELSE 0 END)
    ON CONFLICT (customer_id, hour) DO UPDATE
    SET entries = h.entries + EXCLUDED.entries, amount = h.amount + EXCLUDED.amount,
        withdrawals = h.withdrawals + EXCLUDED.withdrawals, withdrawn = h.withdrawn + EXCLUDED.withdrawn
$$;

CREATE FUNCTION velocity_hours_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.counted THEN
        PERFORM velocity_hours_apply(OLD.customer_id, OLD.occurred_at, OLD.amount_base, OLD.type, -1);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.counted THEN
        PERFORM velocity_hours_apply(NEW.customer_id, NEW.occurred_at, NEW.amount_base, NEW.type, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER velocity_hours_track AFTER UPDATE OR DELETE ON velocity_entries
    FOR EACH ROW EXECUTE FUNCTION velocity_hours_track();

INSERT INTO velocity_hours (customer_id, hour, entries, amount, withdrawals, withdrawn)
SELECT customer_id, date_trunc('hour', occurred_at, 'UTC'), count(*), sum(amount_base),
       count(*) FILTER (WHERE type = 'withdrawal'), coalesce(sum(amount_base) FILTER (WHERE type = 'withdrawal'), 0)
FROM velocity_entries
WHERE counted
GROUP BY 1, 2;

GRANT SELECT, INSERT, UPDATE ON velocity_hours TO compliance_app;
