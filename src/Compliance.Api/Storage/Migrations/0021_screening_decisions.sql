-- Officers' decisions on a customer's screening hits. A confirmed match takes effect at once (it can
-- only tighten); a false positive is proposed by one officer and takes effect when a second one
-- approves it (four-eyes, enforced here as well as in the code). A false positive is tied to the
-- entry's content hash in the list version the officers looked at: a later version with the entry
-- unchanged keeps it whitelisted, a changed entry is a hit again.
CREATE TABLE screening_match_decisions (
    id            uuid        PRIMARY KEY,
    customer_id   text        NOT NULL REFERENCES customers (id),
    list          text        NOT NULL,
    list_version  integer     NOT NULL,
    entry_id      text        NOT NULL,
    content_hash  bytea       NOT NULL CHECK (length(content_hash) = 32),
    decision      text        NOT NULL CHECK (decision IN ('confirmed_match', 'false_positive')),
    state         text        NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    screening_id  uuid        NOT NULL REFERENCES customer_screenings (id),
    proposed_by   text        NOT NULL,
    proposed_at   timestamptz NOT NULL,
    decided_by    text        NULL,
    decided_at    timestamptz NULL,
    FOREIGN KEY (list, list_version, entry_id) REFERENCES screening_list_entries (list, version, entry_id),
    CHECK ((state = 'pending') = (decided_by IS NULL)),
    CHECK (decision = 'confirmed_match' OR decided_by IS NULL OR decided_by <> proposed_by)
);

-- One open proposal per customer and entry; the newest approved decision is the one in force.
CREATE UNIQUE INDEX screening_match_decisions_one_pending ON screening_match_decisions (customer_id, list, entry_id) WHERE state = 'pending';
CREATE INDEX screening_match_decisions_in_force ON screening_match_decisions (customer_id, list, entry_id, decided_at DESC) WHERE state = 'approved';

-- A customer update re-screens; a screening records which hits a false positive in force set aside.
ALTER TABLE customer_screenings DROP CONSTRAINT customer_screenings_trigger_check;
ALTER TABLE customer_screenings ADD CONSTRAINT customer_screenings_trigger_check CHECK (trigger IN ('created', 'updated', 'list_update'));
ALTER TABLE customer_screenings ADD COLUMN whitelisted text[] NOT NULL DEFAULT '{}';

GRANT SELECT, INSERT, UPDATE ON screening_match_decisions TO compliance_app;
