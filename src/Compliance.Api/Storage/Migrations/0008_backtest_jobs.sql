-- Backtest jobs live in the database: any instance can show one, and a job whose instance stopped
-- (restart, crash) is resumed by another from its checkpoint, or failed with a reason.
CREATE TABLE backtest_jobs (
    id           uuid        PRIMARY KEY,
    rule_set     text        NOT NULL,
    version      integer     NOT NULL,
    range_from   timestamptz NOT NULL,
    range_to     timestamptz NOT NULL,
    max_rows     integer     NOT NULL CHECK (max_rows > 0),
    state        text        NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
    scanned      integer     NOT NULL DEFAULT 0,
    total        integer     NOT NULL DEFAULT 0,
    -- BacktestTally as JSON: counts so far and the keyset cursor to resume after.
    checkpoint   jsonb       NULL,
    result       jsonb       NULL,
    error        text        NULL,
    attempts     integer     NOT NULL DEFAULT 1,
    -- The instance running it and when it last said so; NULL owner: free for any instance to take.
    owner        text        NULL,
    heartbeat_at timestamptz NULL,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz NULL,
    CHECK ((state = 'completed') = (result IS NOT NULL)),
    CHECK ((state = 'failed') = (error IS NOT NULL))
);

CREATE INDEX backtest_jobs_running ON backtest_jobs (heartbeat_at) WHERE state = 'running';
CREATE INDEX backtest_jobs_finished ON backtest_jobs (finished_at) WHERE state <> 'running';

GRANT SELECT, INSERT, UPDATE, DELETE ON backtest_jobs TO compliance_app;
