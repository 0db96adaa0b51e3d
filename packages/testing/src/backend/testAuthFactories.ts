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
 * Auth for backend tests that talk to the real permission backend.
 *
 * The mock auth service of backend-test-utils drops two things the real one keeps, and the
 * permission backend depends on both:
 * - the actor of a call made on a user's behalf (the real DefaultAuthService turns a plugin
 *   token with an `obo` claim into a user principal whose actor is the calling plugin;
 *   without it the permission backend refuses resource permissions without a resourceRef
 *   and the apply-conditions endpoint, so conditional decisions could not be tested);
 * - the access restrictions of a static token (`backend.auth.externalAccess`), which the
 *   permissions service enforces for service principals before any policy is asked.
 * This wraps the mock with those two behaviours and serves it through the real httpAuth.
 */
export function testAuthFactories(
  options: {
    /** Static tokens by subject (e.g. `external:automation`), as config would restrict them. */
    restrictedTokens?: Record<string, BackstagePrincipalAccessRestrictions>;
  } = {},
) {
  const restrictedTokens = options.restrictedTokens ?? {};
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
              ? restrictedTokens[principal.subject]
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
