import { OwnershipClient } from './OwnershipClient';

/**
 * The parts of Backstage's DiscoveryService and AuthService a backend plugin passes in
 * (structural: this package is isomorphic and does not depend on backend-plugin-api).
 */
export type ServiceOwnershipClientOptions<TCredentials> = {
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  auth: {
    getOwnServiceCredentials(): Promise<TCredentials>;
    getPluginRequestToken(options: {
      onBehalfOf: TCredentials;
      targetPluginId: string;
    }): Promise<{ token: string }>;
  };
};

/**
 * The ownership backend's client for another backend plugin, calling with that plugin's own
 * service credentials: for work done on behalf of no user (alerting) or for data every
 * reader of the caller's own page may see (an owner's escalation contacts).
 */
export function createServiceOwnershipClient<TCredentials>(
  options: ServiceOwnershipClientOptions<TCredentials>,
): OwnershipClient {
  const { discovery, auth } = options;
  return new OwnershipClient({
    discoveryApi: discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'ownership',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}
