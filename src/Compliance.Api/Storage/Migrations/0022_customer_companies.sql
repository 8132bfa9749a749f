-- A business customer's company as Companies House showed it at each look-up. The profile is public
-- register data and kept in the clear; the officers and persons with significant control (names,
-- birth month and year, nationality: personal data) are one envelope under the customer's own data
-- key, so erasing the customer shreds them with the rest.
CREATE TABLE customer_company_lookups (
    id              uuid        PRIMARY KEY,
    customer_id     text        NOT NULL REFERENCES customers (id),
    company_number  text        NOT NULL CHECK (company_number ~ '^[A-Z0-9]{8}$'),
    company_name    text        NOT NULL,
    company_status  text        NULL,
    company_type    text        NULL,
    incorporated_on date        NULL,
    officers        integer     NOT NULL CHECK (officers >= 0),
    active_officers integer     NOT NULL CHECK (active_officers >= 0),
    pscs            integer     NOT NULL CHECK (pscs >= 0),
    active_pscs     integer     NOT NULL CHECK (active_pscs >= 0),
    truncated       boolean     NOT NULL,
    parties         bytea       NOT NULL,
    looked_up_at    timestamptz NOT NULL,
    looked_up_by    text        NOT NULL
);

CREATE INDEX customer_company_lookups_by_customer ON customer_company_lookups (customer_id, looked_up_at DESC);

-- A look-up screens the company and its people along with the customer.
ALTER TABLE customer_screenings DROP CONSTRAINT customer_screenings_trigger_check;
ALTER TABLE customer_screenings ADD CONSTRAINT customer_screenings_trigger_check
    CHECK (trigger IN ('created', 'updated', 'list_update', 'companies_house'));

GRANT SELECT, INSERT, DELETE ON customer_company_lookups TO compliance_app;
