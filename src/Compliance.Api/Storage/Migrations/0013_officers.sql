-- Officers: people who sign in to the console. Their passwords are ASP.NET Core PasswordHasher hashes
-- (PBKDF2); security_stamp changes whenever a session must end (disable, password change).
CREATE TABLE officers (
    id             uuid        PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role           text        NOT NULL CHECK (role IN ('officer', 'senior_officer', 'auditor', 'admin')),
    password_hash  text        NOT NULL,
    security_stamp uuid        NOT NULL,
    failed_logins  integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until   timestamptz NULL,
    time_zone      text        NOT NULL DEFAULT 'UTC',
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL,
    last_login_at  timestamptz NULL,
    disabled_at    timestamptz NULL
);

GRANT SELECT, INSERT, UPDATE ON officers TO compliance_app;
