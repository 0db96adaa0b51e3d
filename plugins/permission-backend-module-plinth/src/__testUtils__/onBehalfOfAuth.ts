import {
  coreServices,
  createServiceFactory,
  type AuthService,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service, except that a plugin calling another plugin on a user's behalf
 * sends a token whose principal is the user *with the calling plugin as actor*, as the
 * real auth service does (DefaultAuthService turns a plugin token with an `obo` claim
 * into a user principal whose actor is the calling plugin). The mock drops the actor,
 * and without it the permission backend refuses conditional decisions and the
 * apply-conditions endpoint answers 403, so the conditional flow could not be tested.
 */
export function onBehalfOfAuthFactory() {
  return createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): AuthService {
      const pluginId = plugin.getId();
      const mock = mockServices.auth({ pluginId });
      return {
        authenticate: (token, options) => mock.authenticate(token, options),
        isPrincipal: ((credentials, type) =>
          mock.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
        getNoneCredentials: () => mock.getNoneCredentials(),
        getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
        getLimitedUserToken: credentials =>
          mock.getLimitedUserToken(credentials),
        listPublicServiceKeys: () => mock.listPublicServiceKeys(),
        async getPluginRequestToken(options) {
          const principal = options.onBehalfOf.principal as
            | BackstageUserPrincipal
            | { type: string };
          if (principal.type === 'user') {
            return {
              token: mockCredentials.user.token(
                (principal as BackstageUserPrincipal).userEntityRef,
                { actor: { subject: `plugin:${pluginId}` } },
              ),
            };
          }
          return mock.getPluginRequestToken(options);
        },
      };
    },
  });
}
