-- Single sign-on: the identity provider's issuer and subject an officer account is bound to at its
-- first single sign-on; afterwards only that person signs in to it through the provider.
ALTER TABLE officers ADD COLUMN oidc_subject text NULL;
