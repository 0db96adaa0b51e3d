import { ServiceUnavailableError, isError } from '@backstage/errors';
import {
  createOAuthAuthenticator,
  OAuthAuthenticator,
} from '@backstage/plugin-auth-node';
import {
  OidcAuthResult,
  oidcAuthenticator,
} from '@backstage/plugin-auth-backend-module-oidc-provider';

type UpstreamContext = ReturnType<typeof oidcAuthenticator.initialize>;
type InitializeInput = Parameters<typeof oidcAuthenticator.initialize>[0];

/** What the wrapper keeps per environment: the upstream context, replaced after a failure. */
export interface ReachableOidcContext {
  metadataUrl: string;
  probeTimeoutMs: number;
  input: InitializeInput;
  upstream: UpstreamContext;
}

/** The message for an identity provider that does not answer. */
export function unreachableMessage(
  metadataUrl: string,
  cause: unknown,
): string {
  const reason = isError(cause)
    ? (cause.cause as Error | undefined)?.message ?? cause.message
    : String(cause);
  return `The identity provider is unreachable: ${metadataUrl} did not answer (${reason})`;
}

function initializeUpstream(input: InitializeInput): UpstreamContext {
  const upstream = oidcAuthenticator.initialize(input);
  // Discovery runs once, at start-up. If the IdP is down then, the rejection is handled here
  // (no unhandled rejection) and `ready` runs discovery again at the next sign-in.
  upstream.promise.catch(() => {});
  return upstream;
}

async function ready(ctx: ReachableOidcContext): Promise<UpstreamContext> {
  try {
    await ctx.upstream.promise;
  } catch {
    ctx.upstream = initializeUpstream(ctx.input);
    try {
      await ctx.upstream.promise;
    } catch (error) {
      throw new ServiceUnavailableError(
        unreachableMessage(ctx.metadataUrl, error),
      );
    }
  }
  return ctx.upstream;
}

/**
 * Asks the IdP for its discovery document before sending the browser there: if it is down,
 * the sign-in popup gets a clear error instead of a browser "connection refused" page.
 */
async function probe(ctx: ReachableOidcContext): Promise<void> {
  try {
    const response = await fetch(ctx.metadataUrl, {
      signal: AbortSignal.timeout(ctx.probeTimeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
  } catch (error) {
    throw new ServiceUnavailableError(
      unreachableMessage(ctx.metadataUrl, error),
    );
  }
}

/** Network failures talking to the IdP (token exchange, userinfo, refresh). */
function isNetworkError(error: unknown): boolean {
  if (!isError(error)) return false;
  const code = (error as { code?: string }).code;
  return (
    error.name === 'RequestError' ||
    error.name === 'TimeoutError' ||
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EHOSTUNREACH',
    ].includes(code ?? '')
  );
}

async function unreachableOnNetworkError<T>(
  ctx: ReachableOidcContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isNetworkError(error)) {
      throw new ServiceUnavailableError(
        unreachableMessage(ctx.metadataUrl, error),
      );
    }
    throw error;
  }
}

/**
 * The upstream `oidcAuthenticator` (openid-client, discovery, PKCE, nonce), with two changes
 * for an identity provider that is down: discovery is retried at the next sign-in instead of
 * failing until the backend restarts, and every failure to reach the IdP becomes a
 * ServiceUnavailableError that names the IdP's metadata URL.
 */
export const reachableOidcAuthenticator: OAuthAuthenticator<
  ReachableOidcContext,
  OidcAuthResult
> = createOAuthAuthenticator({
  defaultProfileTransform: oidcAuthenticator.defaultProfileTransform,
  scopes: oidcAuthenticator.scopes,
  initialize(input) {
    return {
      metadataUrl: input.config.getString('metadataUrl'),
      // Long enough for a remote IdP, short enough that the sign-in page answers quickly.
      probeTimeoutMs: 3000,
      input,
      upstream: initializeUpstream(input),
    };
  },
  async start(input, ctx) {
    const upstream = await ready(ctx);
    await probe(ctx);
    return oidcAuthenticator.start(input, upstream);
  },
  async authenticate(input, ctx) {
    const upstream = await ready(ctx);
    return unreachableOnNetworkError(ctx, () =>
      oidcAuthenticator.authenticate(input, upstream),
    );
  },
  async refresh(input, ctx) {
    const upstream = await ready(ctx);
    return unreachableOnNetworkError(ctx, () =>
      oidcAuthenticator.refresh(input, upstream),
    );
  },
  async logout(input, ctx) {
    const upstream = await ready(ctx);
    return unreachableOnNetworkError(ctx, () =>
      oidcAuthenticator.logout!(input, upstream),
    );
  },
});
