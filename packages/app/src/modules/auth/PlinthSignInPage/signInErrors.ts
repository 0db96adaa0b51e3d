/** What the sign-in page says about a failed sign-in. */
export interface SignInProblem {
  title: string;
  message: string;
  /** How to fix it locally; shown in development only. */
  localHint?: string;
}

/**
 * Turns a sign-in failure into words. The error names come from the backend through the
 * sign-in popup (ServiceUnavailableError: the IdP did not answer; NotAllowedError: the
 * resolver refused the person) or from the popup itself.
 */
export function describeSignInError(error: unknown): SignInProblem {
  const name = (error as Error | undefined)?.name;
  const message = (error as Error | undefined)?.message ?? String(error);
  switch (name) {
    case 'ServiceUnavailableError':
      return {
        title: 'The identity provider is unreachable',
        message: `${message}. Sign-in through your organisation is unavailable until it answers; try again in a moment.`,
        localHint:
          'Running Plinth locally? Start the development identity provider with infra/oidc/oidc.sh up (PLINTH_AUTH=oidc make start does this for you), then sign in again.',
      };
    case 'NotAllowedError':
      return { title: 'Sign-in refused', message };
    case 'PopupClosedError':
      return {
        title: 'Sign-in cancelled',
        message: 'The sign-in window was closed before the sign-in finished.',
      };
    case 'PopupRejectedError':
      return {
        title: 'The sign-in window was blocked',
        message:
          'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
      };
    default:
      return { title: 'Sign-in failed', message };
  }
}
