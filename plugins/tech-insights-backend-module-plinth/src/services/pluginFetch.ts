import type { AuthService } from '@backstage/backend-plugin-api';

export type PluginCallAuth = Pick<
  AuthService,
  'getOwnServiceCredentials' | 'getPluginRequestToken'
>;

/**
 * A fetch that calls another plugin of this backend with the tech-insights plugin's own
 * service token (retrievers run in the background, on behalf of no user).
 */
export function pluginFetch(
  auth: PluginCallAuth,
  targetPluginId: string,
): { fetch: typeof fetch } {
  return {
    fetch: async (input, init) => {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId,
      });
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  };
}

/** One line for a log or a fact: what failed, without a stack. */
export function reasonOf(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
