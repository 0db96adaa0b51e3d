import { createBackendModule } from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { createPlinthOidcProviderFactory } from './oidc/createPlinthOidcProviderFactory';

/**
 * Plinth sign-in: the `oidc` provider (any OpenID Connect IdP; locally the dev IdP in
 * packages/dev-identity-provider) with the catalog-User-by-email resolver. Configured under
 * `auth.providers.oidc.<environment>`; absent config means the provider is not offered.
 */
export const authModulePlinth = createBackendModule({
  pluginId: 'auth',
  moduleId: 'plinth',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createPlinthOidcProviderFactory(),
        });
      },
    });
  },
});
