-- Disputes: a client disputes a past transaction (a chargeback, a customer complaint). The dispute
-- rule set decides the automatic step; every dispute is worked as a case of kind 'dispute'.
CREATE TABLE disputes (
    dispute_id        text           PRIMARY KEY,
    transaction_id    text           NOT NULL REFERENCES decisions (transaction_id),
    customer_id       text           NOT NULL,
    -- The API key that opened it: where its webhooks go.
    client_key_id     uuid           NULL,
    -- SHA-256 of the canonical request: a retry with the same id and body is answered, a different body refused.
    request_hash      bytea          NOT NULL CHECK (length(request_hash) = 32),
    kind              text           NOT NULL CHECK (kind IN ('chargeback', 'complaint')),
    reason            text           NOT NULL,
    amount            numeric(20, 4) NOT NULL CHECK (amount > 0),
    currency          text           NOT NULL,
    amount_base       numeric(20, 4) NOT NULL,
    -- The disputed transaction's own amount: accepted disputes that add up to it refund it in full.
    transaction_amount numeric(20, 4) NOT NULL,
    state             text           NOT NULL CHECK (state IN ('awaiting_evidence', 'in_review', 'accepted', 'rejected')),
    -- What the rules decided (accept, reject, evidence, review, escalate), on which facts and why.
    step              text           NOT NULL CHECK (step IN ('accept', 'reject', 'evidence', 'review', 'escalate')),
    reasons           text           NOT NULL,
    facts             text           NOT NULL,
    rule_set          text           NOT NULL,
    rule_set_version  integer        NOT NULL,
    -- What the dispute becomes when its evidence deadline passes with none, fixed when it opened.
    on_evidence_missed text          NOT NULL CHECK (on_evidence_missed IN ('reject', 'accept', 'review')),
    case_id           uuid           NOT NULL UNIQUE REFERENCES cases (id),
    evidence_due_at   timestamptz    NULL,
    evidence_at       timestamptz    NULL,
    opened_at         timestamptz    NOT NULL,
    resolved_at       timestamptz    NULL,
    resolved_by       text           NULL,
    resolution_reason text           NULL,
    CHECK ((state IN ('accepted', 'rejected')) = (resolved_at IS NOT NULL)),
    CHECK ((state = 'awaiting_evidence') <= (evidence_due_at IS NOT NULL))
);

-- One dispute at a time per transaction; a new one may follow a resolved one.
CREATE UNIQUE INDEX disputes_open_per_transaction ON disputes (transaction_id) WHERE resolved_at IS NULL;
-- The customer's recent disputes (a fact the rules read).
CREATE INDEX disputes_by_customer ON disputes (customer_id, opened_at);
-- The deadline sweep.
CREATE INDEX disputes_evidence_due ON disputes (evidence_due_at) WHERE state = 'awaiting_evidence';

ALTER TABLE case_items DROP CONSTRAINT case_items_item_kind_check;
ALTER TABLE case_items ADD CONSTRAINT case_items_item_kind_check CHECK (item_kind IN ('decision', 'kyc_event', 'screening', 'dispute'));

GRANT SELECT, INSERT, UPDATE ON disputes TO compliance_app;
