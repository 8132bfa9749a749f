-- Sanctions lists imported from the official files (OFAC SDN, UK, EU, UN). Every import that
-- changes a list is a new version holding all its entries (list data is public, not PII), with
-- the file's hash and what changed against the version before. The newest version of each list
-- is what screening uses; a refused file never gets this far.
CREATE TABLE screening_list_versions (
    list         text        NOT NULL CHECK (list ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    version      integer     NOT NULL CHECK (version > 0),
    format       text        NOT NULL,
    source       text        NOT NULL,
    source_hash  bytea       NOT NULL CHECK (length(source_hash) = 32),
    entry_count  integer     NOT NULL CHECK (entry_count > 0),
    added        integer     NOT NULL,
    removed      integer     NOT NULL,
    changed      integer     NOT NULL,
    imported_at  timestamptz NOT NULL,
    imported_by  text        NOT NULL,
    PRIMARY KEY (list, version)
);

CREATE TABLE screening_list_entries (
    list          text    NOT NULL,
    version       integer NOT NULL,
    entry_id      text    NOT NULL,
    -- SHA-256 of the entry's canonical JSON: an entry whose hash differs from the previous version's changed.
    content_hash  bytea   NOT NULL CHECK (length(content_hash) = 32),
    entry         jsonb   NOT NULL,
    PRIMARY KEY (list, version, entry_id),
    FOREIGN KEY (list, version) REFERENCES screening_list_versions (list, version)
);

-- The diff of each version against the one before (none for a list's first version).
CREATE TABLE screening_list_changes (
    list      text    NOT NULL,
    version   integer NOT NULL,
    entry_id  text    NOT NULL,
    change    text    NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
    PRIMARY KEY (list, version, entry_id),
    FOREIGN KEY (list, version) REFERENCES screening_list_versions (list, version)
);

GRANT SELECT, INSERT ON screening_list_versions, screening_list_entries, screening_list_changes TO compliance_app;
