-- Rule editing: who submitted, approved, rejected and retired each version, and when. Versions stay
-- immutable once submitted; only these lifecycle columns and the status change afterwards.
ALTER TABLE rule_set_versions
    ADD COLUMN submitted_at timestamptz NULL,
    ADD COLUMN reviewed_by  text        NULL,
    ADD COLUMN reviewed_at  timestamptz NULL,
    ADD COLUMN published_by text        NULL,
    ADD COLUMN retired_at   timestamptz NULL,
    ADD COLUMN note         text        NULL,
    -- Four eyes, enforced by the database too: nobody reviews their own version.
    ADD CONSTRAINT rule_set_versions_four_eyes CHECK (reviewed_by IS NULL OR reviewed_by <> author OR note LIKE 'emergency%');

-- The seeded version 1 was published at seeding; it has no reviewer.
UPDATE rule_set_versions SET published_by = 'seed' WHERE status = 'published' AND published_by IS NULL;

-- Backtests read a rule set's decisions by time.
CREATE INDEX decisions_by_rule_set_time ON decisions (rule_set, decided_at);

-- Table-level grants (0004) already cover the new columns; repeated here so the intent is explicit.
GRANT SELECT, INSERT, UPDATE ON rule_sets, rule_set_versions TO compliance_app;
