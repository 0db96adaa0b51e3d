import { isError } from '@backstage/errors';
import {
  AuthProviderFactory,
  AuthProviderRouteHandlers,
  createOAuthProviderFactory,
  sendWebMessageResponse,
} from '@backstage/plugin-auth-node';
import { catalogUserByEmail } from '../signIn/catalogUserByEmail';
import { reachableOidcAuthenticator } from './reachableOidcAuthenticator';

type Request = Parameters<AuthProviderRouteHandlers['start']>[0];
type Response = Parameters<AuthProviderRouteHandlers['start']>[1];

/**
 * The `oidc` provider with Plinth's resolver. Declarative `signIn.resolvers` in config are not
 * offered: Plinth signs in catalog Users by verified email, in every environment.
 *
 * One change to the start route: when the IdP is unreachable, the popup that the sign-in page
 * opened receives the error as an `authorization_response` message (as the frame handler
 * does for every other failure), so the sign-in page can say so; the upstream route would
 * answer with a JSON 503 that the popup shows as a raw page and the sign-in page never sees.
 */
export function createPlinthOidcProviderFactory(): AuthProviderFactory {
  const upstreamFactory = createOAuthProviderFactory({
    authenticator: reachableOidcAuthenticator,
    signInResolver: catalogUserByEmail,
  });
  return options => {
    const upstream = upstreamFactory(options);
    const { appUrl, isOriginAllowed, logger } = options;

    const appOriginOf = (req: Request): string => {
      const requested = req.query.origin?.toString();
      if (requested) {
        try {
          const origin = new URL(requested).origin;
          if (isOriginAllowed(origin)) return origin;
        } catch {
          // not a URL: answer the configured app origin
        }
      }
      return new URL(appUrl).origin;
    };

    return {
      async start(req: Request, res: Response) {
        try {
          await upstream.start(req, res);
        } catch (error) {
          if (!isError(error) || error.name !== 'ServiceUnavailableError') {
            throw error;
          }
          logger.warn(
            'OIDC sign-in could not start: identity provider unreachable',
            {
              reason: error.message,
            },
          );
          res.status(503);
          sendWebMessageResponse(res, appOriginOf(req), {
            type: 'authorization_response',
            error: { name: error.name, message: error.message },
          });
        }
      },
      frameHandler: (req: Request, res: Response) =>
        upstream.frameHandler(req, res),
      refresh: upstream.refresh
        ? (req: Request, res: Response) => upstream.refresh!(req, res)
        : undefined,
      logout: upstream.logout
        ? (req: Request, res: Response) => upstream.logout!(req, res)
        : undefined,
    };
  };
}
