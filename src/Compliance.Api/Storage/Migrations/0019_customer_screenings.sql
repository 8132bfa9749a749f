-- Every screening of a customer against the imported sanctions lists: when, why, against which list
-- versions and at what threshold, and the hits (list entries and how each scored; never the
-- customer's own data, which stays in the vault).
CREATE TABLE customer_screenings (
    id             uuid        PRIMARY KEY,
    customer_id    text        NOT NULL REFERENCES customers (id),
    screened_at    timestamptz NOT NULL,
    trigger        text        NOT NULL CHECK (trigger IN ('created', 'list_update')),
    list_versions  text[]      NOT NULL,
    threshold      double precision NOT NULL,
    status         text        NOT NULL CHECK (status IN ('clear', 'potential_match')),
    hits           jsonb       NOT NULL
);

CREATE INDEX customer_screenings_by_customer ON customer_screenings (customer_id, screened_at);

GRANT SELECT, INSERT ON customer_screenings TO compliance_app;
