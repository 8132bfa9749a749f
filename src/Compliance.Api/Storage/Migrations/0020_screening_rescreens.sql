-- A new list version re-screens every customer: one job per import, worked in batches by whichever
-- instance holds its lease, resumable from the last customer done (customers are taken in id order).
CREATE TABLE screening_rescreens (
    id              uuid        PRIMARY KEY,
    reason          text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('queued', 'running', 'done')),
    after_customer  text        NOT NULL DEFAULT '',
    screened        integer     NOT NULL DEFAULT 0,
    matches         integer     NOT NULL DEFAULT 0,
    total           integer     NOT NULL DEFAULT 0,
    list_versions   text[]      NULL,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz NULL,
    heartbeat_at    timestamptz NULL,
    finished_at     timestamptz NULL
);

CREATE INDEX screening_rescreens_open ON screening_rescreens (created_at) WHERE state <> 'done';

GRANT SELECT, INSERT, UPDATE ON screening_rescreens TO compliance_app;
