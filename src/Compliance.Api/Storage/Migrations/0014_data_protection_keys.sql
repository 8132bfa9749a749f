-- ASP.NET Core Data Protection keys (they sign the console's session and antiforgery cookies), shared
-- by every instance and kept across restarts. Each key's XML is stored only as envelope ciphertext
-- under a data key of its own, wrapped by the KEK like customers' keys (keys rewrap moves them too).
CREATE TABLE data_protection_keys (
    id            uuid        PRIMARY KEY,
    friendly_name text        NULL,
    data_key_id   uuid        NOT NULL,
    kek_provider  text        NOT NULL,
    kek_id        text        NOT NULL,
    algorithm     text        NOT NULL,
    wrapped_key   bytea       NOT NULL,
    ciphertext    bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    rewrapped_at  timestamptz NULL
);

GRANT SELECT, INSERT, UPDATE ON data_protection_keys TO compliance_app;
