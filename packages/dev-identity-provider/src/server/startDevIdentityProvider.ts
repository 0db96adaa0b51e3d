import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import Provider, { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import {
  loadDevAccounts,
  UNKNOWN_TO_CATALOG_ACCOUNT,
} from '../accounts/loadDevAccounts';
import { DevAccount, DevIdentityProviderError } from '../accounts/types';
import { renderLoginPage, renderMessagePage } from './loginPage';
import { createMemoryAdapterFactory } from './MemoryAdapter';

/** Options of {@link startDevIdentityProvider}. */
export interface DevIdentityProviderOptions {
  /** The catalog YAML with the User entities (e.g. examples/org/users.yaml). */
  usersFile: string;
  /** The one development password of every account. */
  password: string;
  /** The portal's OIDC client. */
  clientId: string;
  clientSecret: string;
  /** Where the portal receives the code: `<backend>/api/auth/oidc/handler/frame`. */
  redirectUris: string[];
  /** Loopback only by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Accounts besides the catalog's; default: one account whose email is in no catalog User. */
  extraAccounts?: DevAccount[];
  /** Structured log lines; default: none. */
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** A running dev identity provider. */
export interface DevIdentityProvider {
  /** The issuer URL, e.g. http://127.0.0.1:7777 */
  issuer: string;
  /** `${issuer}/.well-known/openid-configuration`, the portal's `metadataUrl`. */
  metadataUrl: string;
  accounts: DevAccount[];
  stop(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;

/** Compares passwords in constant time (hashing first makes the lengths equal). */
function passwordMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) {
      throw new DevIdentityProviderError('The sign-in form is too large');
    }
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // The page has no scripts; nothing may frame it (clickjacking of the password form). No
  // form-action: browsers apply it to the redirects after the post too, and the last one
  // goes to the portal.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  res.end(html);
}

function listen(server: http.Server, port: number, host: string) {
  return new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function validateOptions(options: DevIdentityProviderOptions) {
  if (!options.password) {
    throw new DevIdentityProviderError(
      'The development password must not be empty',
    );
  }
  if (!options.clientId || !options.clientSecret) {
    throw new DevIdentityProviderError(
      'The client id and client secret must not be empty',
    );
  }
  if (options.redirectUris.length === 0) {
    throw new DevIdentityProviderError(
      'At least one redirect URI is needed, e.g. http://localhost:7007/api/auth/oidc/handler/frame',
    );
  }
  for (const uri of options.redirectUris) {
    if (!URL.canParse(uri)) {
      throw new DevIdentityProviderError(
        `The redirect URI '${uri}' is not a URL`,
      );
    }
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DevIdentityProviderError(
      `The port must be 0..65535, got ${port}`,
    );
  }
}

/**
 * Starts a development OpenID Connect provider (oidc-provider) with the catalog's users and
 * one confidential client for the portal. Consent is implied for that client (it is the
 * organisation's own portal), so the browser goes login form -> portal.
 */
export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  validateOptions(options);
  const log = options.log ?? (() => {});
  const catalogAccounts = await loadDevAccounts(options.usersFile);
  const accounts = [
    ...catalogAccounts,
    ...(options.extraAccounts ?? [UNKNOWN_TO_CATALOG_ACCOUNT]),
  ];
  const byEmail = new Map(accounts.map(a => [a.email.toLowerCase(), a]));
  const byId = new Map(accounts.map(a => [a.accountId, a]));

  let handle: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handle(req, res));
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  const issuer = `http://${host}:${address.port}`;

  // A fresh signing key per run: tokens of an earlier run must not verify.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };

  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: 'Plinth',
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // The ID token carries the profile claims too (handy when reading a token by hand).
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
    },
    // The portal refreshes its session with a refresh token (a page reload must not sign the
    // user out); without this, oidc-provider issues one only for the offline_access scope.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    // First-party client: consent is implied, the grant covers what the portal asks for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const grantId =
        oidc.result?.consent?.grantId ??
        oidc.session?.grantIdFor(oidc.client!.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const accountId = oidc.session?.accountId;
      if (!accountId) return undefined;
      const grant = new oidc.provider.Grant({
        clientId: oidc.client!.clientId,
        accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const account = byId.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    interactions: {
      url: async (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderMessagePage(
        'Sign-in error',
        `${out.error}: ${out.error_description ?? 'the request was refused'}`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, error) =>
    log('server error', { error: String(error) }),
  );
  provider.on('authorization.error', (_ctx, error) =>
    log('authorization refused', { error: String(error) }),
  );
  provider.on('grant.error', (_ctx, error) =>
    log('token request refused', { error: String(error) }),
  );
  const oidcCallback = provider.callback();

  async function handleInteraction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    uid: string,
    submitted: boolean,
  ) {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(
        res,
        400,
        renderMessagePage(
          'Sign-in expired',
          'This sign-in attempt is unknown or has expired. Go back to the portal and sign in again.',
        ),
      );
      return;
    }
    if (details.uid !== uid) {
      sendHtml(
        res,
        400,
        renderMessagePage('Sign-in error', 'Unknown sign-in attempt.'),
      );
      return;
    }
    if (details.prompt.name !== 'login') {
      // Consent is implied (see loadExistingGrant); any other prompt cannot be answered here.
      await provider.interactionFinished(
        req,
        res,
        {
          error: 'interaction_required',
          error_description: `The development IdP cannot answer the '${details.prompt.name}' prompt`,
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const page = (status: number, email?: string, error?: string) =>
      sendHtml(
        res,
        status,
        renderLoginPage({ uid, clientName: 'Plinth', accounts, email, error }),
      );
    if (!submitted) {
      page(200);
      return;
    }
    const form = await readForm(req);
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    const account = byEmail.get(email.toLowerCase());
    if (!email) {
      page(400, '', 'Enter your email address.');
      return;
    }
    if (!account) {
      log('sign-in refused: unknown email', { email });
      page(401, email, `No development account has the email ${email}.`);
      return;
    }
    if (!passwordMatches(password, options.password)) {
      log('sign-in refused: wrong password', { email });
      page(401, email, `Wrong password for ${email}.`);
      return;
    }
    log('signed in', { email, accountId: account.accountId });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.accountId } },
      { mergeWithLastSubmission: false },
    );
  }

  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(path);
    if (!match) {
      oidcCallback(req, res);
      return;
    }
    const submitted = Boolean(match[2]);
    if (submitted !== (req.method === 'POST')) {
      res.statusCode = 405;
      res.end();
      return;
    }
    handleInteraction(req, res, match[1], submitted).catch(error => {
      log('interaction failed', { error: String(error) });
      if (!res.headersSent) {
        sendHtml(res, 500, renderMessagePage('Sign-in error', String(error)));
      } else {
        res.end();
      }
    });
  };

  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    accounts,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
