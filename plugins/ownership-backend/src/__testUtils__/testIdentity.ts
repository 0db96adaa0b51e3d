import {
  coreServices,
  createServiceFactory,
  type AuthService,
  type BackstageCredentials,
  type BackstagePrincipalAccessRestrictions,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * Identity for router tests that talk to the real permission backend.
 *
 * The mock auth service of backend-test-utils drops two things the real one keeps, and the
 * permission backend depends on both:
 * - the actor of a call made on a user's behalf (the permission backend refuses resource
 *   permissions without a resourceRef, and apply-conditions, from users without an actor);
 * - the access restrictions of a static token (`backend.auth.externalAccess`), which the
 *   permissions service enforces for service principals before any policy is asked.
 * This wraps the mock with those two behaviours and serves it through the real httpAuth.
 */
export function testIdentityFactories(options: {
  /** Static tokens by subject (e.g. `external:automation`), as config would restrict them. */
  restrictedTokens: Record<string, BackstagePrincipalAccessRestrictions>;
}) {
  const authFactory = createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): AuthService {
      const pluginId = plugin.getId();
      const mock = mockServices.auth({ pluginId });
      return {
        async authenticate(token, opts) {
          const credentials = await mock.authenticate(token, opts);
          const principal = credentials.principal as {
            type: string;
            subject?: string;
          };
          const restrictions =
            principal.type === 'service' && principal.subject
              ? options.restrictedTokens[principal.subject]
              : undefined;
          return restrictions
            ? mockCredentials.service(principal.subject, restrictions)
            : credentials;
        },
        getNoneCredentials: () => mock.getNoneCredentials(),
        getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
        isPrincipal: mock.isPrincipal.bind(mock) as AuthService['isPrincipal'],
        async getPluginRequestToken(request) {
          const onBehalfOf = request.onBehalfOf as BackstageCredentials<{
            type: string;
            userEntityRef?: string;
          }>;
          if (
            onBehalfOf.principal.type === 'user' &&
            onBehalfOf.principal.userEntityRef
          ) {
            return {
              token: mockCredentials.user.token(
                onBehalfOf.principal.userEntityRef,
                { actor: { subject: `plugin:${pluginId}` } },
              ),
            };
          }
          return mock.getPluginRequestToken(request);
        },
        getLimitedUserToken: credentials =>
          mock.getLimitedUserToken(credentials),
        listPublicServiceKeys: () => mock.listPublicServiceKeys(),
      };
    },
  });
  return [authFactory, httpAuthServiceFactory];
}
