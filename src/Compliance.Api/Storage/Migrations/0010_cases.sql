-- Cases: every "review" goes to a queue an officer works to a final answer. A case opens in the
-- same statement that stores the review decision (so a stored review always has its case), and
-- reviews of one customer while a case is open and younger than the join window join that case.
CREATE TABLE cases (
    id                 uuid        PRIMARY KEY,
    kind               text        NOT NULL CHECK (kind IN ('review', 'dispute')),
    customer_id        text        NOT NULL,
    inbox              text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('open', 'in_review', 'escalated', 'closed')),
    resolution         text        NULL CHECK (resolution IN ('approved', 'declined', 'reported')),
    resolution_reason  text        NULL,
    -- 1 (most urgent) to 3.
    priority           smallint    NOT NULL CHECK (priority BETWEEN 1 AND 3),
    assignee           text        NULL,
    reason_codes       text[]      NOT NULL,
    opened_at          timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    due_at             timestamptz NOT NULL,
    closed_at          timestamptz NULL,
    -- Four-eyes for "reported": the first officer's request, confirmed by another.
    report_requested_by text       NULL,
    CHECK ((state = 'closed') = (resolution IS NOT NULL)),
    CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);

-- The queue: an inbox's cases, most urgent first, then the oldest due; id breaks ties for keyset
-- pages. Once for the whole inbox and once per state, so both first pages are index scans that stop
-- after one page (bench/load/RESULTS.md, cases-list).
CREATE INDEX cases_queue ON cases (inbox, priority, due_at, id);
CREATE INDEX cases_queue_by_state ON cases (inbox, state, priority, due_at, id);
CREATE INDEX cases_by_assignee ON cases (assignee, state) WHERE assignee IS NOT NULL;
-- The open case a new review of the customer joins.
CREATE INDEX cases_open_by_customer ON cases (customer_id, kind, opened_at) WHERE state <> 'closed';

-- What a case is about: the decisions (and later KYC and screening events) that opened or joined it.
CREATE TABLE case_items (
    case_id      uuid        NOT NULL REFERENCES cases (id),
    item_kind    text        NOT NULL CHECK (item_kind IN ('decision', 'kyc_event', 'screening')),
    ref          text        NOT NULL,
    reason_codes text[]      NOT NULL,
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (case_id, item_kind, ref)
);

CREATE INDEX case_items_by_ref ON case_items (item_kind, ref);

-- Officers' notes on a case. The text may name people, so it is envelope ciphertext under the
-- customer's data key: erasing the customer crypto-shreds the notes too. An attachment is kept
-- outside (a document system); its SHA-256 is recorded here and in the audit log.
CREATE TABLE case_comments (
    id                bigserial   PRIMARY KEY,
    case_id           uuid        NOT NULL REFERENCES cases (id),
    author            text        NOT NULL,
    body              bytea       NOT NULL,
    attachment_sha256 bytea       NULL CHECK (octet_length(attachment_sha256) = 32),
    created_at        timestamptz NOT NULL
);

CREATE INDEX case_comments_by_case ON case_comments (case_id, id);

-- The final answer of a review: set when its case closes (approved → allow; declined or reported →
-- block). Outside the decision's hash chain, like the payment system's outcome; the close is an
-- audit event.
ALTER TABLE decisions
    ADD COLUMN final_decision text NULL CHECK (final_decision IN ('allow', 'block')),
    ADD COLUMN finalized_at   timestamptz NULL;

GRANT SELECT, INSERT, UPDATE ON cases TO compliance_app;
GRANT SELECT, INSERT ON case_items, case_comments TO compliance_app;
GRANT USAGE ON SEQUENCE case_comments_id_seq TO compliance_app;
GRANT UPDATE (final_decision, finalized_at) ON decisions TO compliance_app;
