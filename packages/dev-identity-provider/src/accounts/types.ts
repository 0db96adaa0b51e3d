/** One person who can sign in at the dev identity provider. */
export interface DevAccount {
  /** The OIDC `sub` claim: the catalog User's metadata.name. */
  accountId: string;
  /** The catalog User's spec.profile.email. */
  email: string;
  /** The catalog User's spec.profile.displayName (the OIDC `name` claim). */
  name: string;
}

/**
 * Bad input to the dev identity provider (a missing users file, a User without an email, a
 * bad option). A plain Error subclass: this package is a development tool with no Backstage
 * runtime dependencies, so it does not use @backstage/errors.
 */
export class DevIdentityProviderError extends Error {
  name = 'DevIdentityProviderError';
}
