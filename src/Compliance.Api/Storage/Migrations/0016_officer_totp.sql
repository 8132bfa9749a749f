-- Optional two-step sign-in: the officer's TOTP secret (protected with the console's Data Protection
-- keys, which are themselves stored encrypted under the KEK) and the last time step used, so a code
-- is accepted once.
ALTER TABLE officers ADD COLUMN totp_secret text NULL;
ALTER TABLE officers ADD COLUMN totp_last_step bigint NULL;
