import { NotAllowedError } from '@backstage/errors';
import {
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';

/** The message an engineer sees when their email matches no catalog User. */
export function unknownEmailMessage(email: string): string {
  return `No user in the Plinth catalog has the email ${email}; ask your platform team to add a User entity with spec.profile.email: ${email}`;
}

/**
 * Plinth's sign-in resolver: the verified OIDC email -> the catalog User whose
 * `spec.profile.email` matches. The Backstage token then carries the user's ownership refs
 * (the user and their groups), which the permission policy decides on.
 *
 * Unlike the upstream `emailMatchingUserEntityProfileEmail`, it never falls back to an
 * identity outside the catalog, ignores no `+tag` variants, and refuses with a message that
 * says what to do.
 */
export const catalogUserByEmail: SignInResolver<
  OAuthAuthenticatorResult<OidcAuthResult>
> = async ({ profile, result }, ctx) => {
  // The oidc authenticator's profile transform sets `email` only when email_verified is true.
  const email = profile.email;
  if (!email) {
    const claimed = result.fullProfile?.userinfo?.email;
    throw new NotAllowedError(
      claimed
        ? `The identity provider has not verified the email ${claimed}; Plinth signs in verified emails only`
        : 'The identity provider sent no email; Plinth needs the email scope and the email and email_verified claims to find your catalog User',
    );
  }
  try {
    return await ctx.signInWithCatalogUser({
      filter: { kind: 'User', 'spec.profile.email': email },
    });
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') {
      throw new NotAllowedError(unknownEmailMessage(email));
    }
    throw error;
  }
};
