import { createServer } from 'node:net';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import path from 'node:path';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
// Real token verification for the 401 cases (the test backend's default auth services are
// mocks that would accept or refuse tokens without checking signatures or expiry).
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
// The real catalog, reading the example organisation's YAML (relations included).
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  DevIdentityProvider,
  startDevIdentityProvider,
} from '@plinth/dev-identity-provider';
import { eventually } from '@plinth/testing';
import authModulePlinth, { unknownEmailMessage } from '.';
import {
  jwtPayload,
  readWebMessage,
  ScriptedBrowser,
  signInThroughIdp,
} from './__testUtils__/scriptedLogin';

jest.setTimeout(90_000);

const EXAMPLES = path.resolve(__dirname, '../../../examples/org');
const PASSWORD = 'test-dev-password';
const CLIENT_ID = 'plinth-portal-test';
const CLIENT_SECRET = 'test-client-secret';
const STATIC_TOKEN = 'catalog-reader-token-for-tests-0123456789';

function reservePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('sign-in through OIDC with the Plinth resolver', () => {
  let backend: TestBackend;
  let baseUrl: string;
  let authBaseUrl: string;
  let idpPort: number;
  let idp: DevIdentityProvider | undefined;

  const startIdp = async () => {
    idp = await startDevIdentityProvider({
      port: idpPort,
      usersFile: path.join(EXAMPLES, 'users.yaml'),
      password: PASSWORD,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${authBaseUrl}/oidc/handler/frame`],
    });
  };

  const catalogRequest = (token: string) =>
    fetch(`${baseUrl}/api/catalog/entities/by-name/user/default/ana-ruiz`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    // The IdP's port is chosen first and the IdP started only after the backend: the backend
    // starts while its IdP is down, as it can in real life.
    idpPort = await reservePort();
    backend = await startTestBackend({
      features: [
        authPlugin,
        authModulePlinth,
        catalogPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        httpRouterServiceFactory,
        userInfoServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: STATIC_TOKEN, subject: 'test-reader' },
                  },
                ],
              },
            },
            auth: {
              environment: 'development',
              session: { secret: 'test-session-secret' },
              providers: {
                oidc: {
                  development: {
                    metadataUrl: `http://127.0.0.1:${idpPort}/.well-known/openid-configuration`,
                    clientId: CLIENT_ID,
                    clientSecret: CLIENT_SECRET,
                    prompt: 'login',
                  },
                },
              },
            },
            catalog: {
              rules: [{ allow: ['User', 'Group'] }],
              locations: [
                { type: 'file', target: path.join(EXAMPLES, 'groups.yaml') },
                { type: 'file', target: path.join(EXAMPLES, 'users.yaml') },
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}`;
    authBaseUrl = `${baseUrl}/api/auth`;

    // Everything the sign-in assertions rely on: both users processed with their groups.
    await eventually(
      'ana-ruiz in platform and ines-costa in billing, with relations',
      async () => {
        const response = await fetch(
          `${baseUrl}/api/catalog/entities/by-refs`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${STATIC_TOKEN}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              entityRefs: ['user:default/ana-ruiz', 'user:default/ines-costa'],
            }),
          },
        );
        const { items } = (await response.json()) as {
          items: Array<{
            relations?: { type: string; targetRef: string }[];
          } | null>;
        };
        return items.map(e =>
          (e?.relations ?? [])
            .filter(r => r.type === 'memberOf')
            .map(r => r.targetRef),
        );
      },
      {
        until: ([ana, ines]) =>
          ana.includes('group:default/platform') &&
          ines.includes('group:default/billing'),
        timeoutMs: 60_000,
      },
    );
  });

  afterAll(async () => {
    await idp?.stop();
  });

  it('says the identity provider is unreachable when it is down at sign-in, and keeps serving', async () => {
    const browser = new ScriptedBrowser();
    const start = await browser.request(
      `${authBaseUrl}/oidc/start?env=development&origin=${encodeURIComponent(
        'http://localhost:3000',
      )}`,
    );
    expect(start.status).toBe(503);
    expect(readWebMessage(start.body)).toEqual({
      type: 'authorization_response',
      error: {
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          new RegExp(
            `^The identity provider is unreachable: http://127\\.0\\.0\\.1:${idpPort}/\\.well-known/openid-configuration did not answer \\(.+\\)$`,
          ),
        ),
      },
    });
    // No crash: the backend still answers.
    const health = await fetch(`${baseUrl}/.backstage/health/v1/liveness`);
    expect(health.status).toBe(200);
  });

  describe('with the identity provider up', () => {
    let anaToken: string;
    let anaIdpIdToken: string;

    beforeAll(async () => {
      await startIdp();
    });

    it('maps ana.ruiz@plinth.dev to user:default/ana-ruiz with group:default/platform in the ownership claims', async () => {
      const { message, loginFormHtml } = await signInThroughIdp({
        authBaseUrl,
        email: 'ana.ruiz@plinth.dev',
        password: PASSWORD,
      });
      expect(loginFormHtml).toContain('<label for="email">Email</label>');
      if (!('response' in message)) {
        throw new Error(`sign-in failed: ${JSON.stringify(message.error)}`);
      }
      const { backstageIdentity, profile, providerInfo } = message.response;
      expect(profile).toMatchObject({
        email: 'ana.ruiz@plinth.dev',
        displayName: 'Ana Ruiz',
      });
      expect(backstageIdentity?.identity.userEntityRef).toBe(
        'user:default/ana-ruiz',
      );
      expect(backstageIdentity?.identity.ownershipEntityRefs).toEqual(
        expect.arrayContaining([
          'user:default/ana-ruiz',
          'group:default/platform',
        ]),
      );
      anaToken = backstageIdentity!.token;
      anaIdpIdToken = providerInfo.idToken!;
      expect(jwtPayload(anaToken).sub).toBe('user:default/ana-ruiz');
      // The token itself omits the ownership claim (Backstage's default); services read it
      // from the auth backend's userinfo endpoint, as the permission policy does.
      const userinfo = await fetch(`${authBaseUrl}/v1/userinfo`, {
        headers: { authorization: `Bearer ${anaToken}` },
      });
      expect(userinfo.status).toBe(200);
      const { claims } = (await userinfo.json()) as {
        claims: { sub: string; ent: string[] };
      };
      expect(claims.sub).toBe('user:default/ana-ruiz');
      expect(claims.ent).toEqual(
        expect.arrayContaining([
          'user:default/ana-ruiz',
          'group:default/platform',
        ]),
      );
    });

    it("accepts the user's Backstage token at a Backstage API route", async () => {
      const response = await catalogRequest(anaToken);
      expect(response.status).toBe(200);
    });

    it('refuses the IdP’s own ID token at a Backstage API route (another issuer) with 401', async () => {
      expect(jwtPayload(anaIdpIdToken).iss).toBe(`http://127.0.0.1:${idpPort}`);
      const response = await catalogRequest(anaIdpIdToken);
      expect(response.status).toBe(401);
    });

    it('refuses a token with Backstage claims signed by another key with 401', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const now = Math.floor(Date.now() / 1000);
      const encode = (value: object) =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({
        alg: 'ES256',
        kid: randomUUID(),
        typ: 'vnd.backstage.user',
      })}.${encode({
        iss: authBaseUrl,
        sub: 'user:default/ana-ruiz',
        ent: ['user:default/ana-ruiz', 'group:default/platform'],
        aud: 'backstage',
        iat: now,
        exp: now + 3600,
      })}`;
      const signature = sign('sha256', Buffer.from(unsigned), {
        key: privateKey,
        dsaEncoding: 'ieee-p1363',
      }).toString('base64url');
      const response = await catalogRequest(`${unsigned}.${signature}`);
      expect(response.status).toBe(401);
    });

    it('refuses an expired Backstage token with 401', async () => {
      const { exp } = jwtPayload(anaToken) as { exp: number };
      // Only the clock moves (to just after the token's expiry); timers stay real, so the
      // backend under test keeps running normally.
      jest.useFakeTimers({
        now: (exp + 60) * 1000,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        const response = await catalogRequest(anaToken);
        expect(response.status).toBe(401);
      } finally {
        jest.useRealTimers();
      }
    });

    it('refuses an email that is in no catalog User, with a message saying what to do', async () => {
      const { message } = await signInThroughIdp({
        authBaseUrl,
        email: 'alex.unlisted@plinth.dev',
        password: PASSWORD,
      });
      expect(message).toEqual({
        type: 'authorization_response',
        error: {
          name: 'NotAllowedError',
          message: unknownEmailMessage('alex.unlisted@plinth.dev'),
        },
      });
      expect(unknownEmailMessage('alex.unlisted@plinth.dev')).toBe(
        'No user in the Plinth catalog has the email alex.unlisted@plinth.dev; ask your platform team to add a User entity with spec.profile.email: alex.unlisted@plinth.dev',
      );
    });

    it('shows "wrong password" on the IdP login form and does not sign in', async () => {
      const browser = new ScriptedBrowser();
      const start = await browser.request(
        `${authBaseUrl}/oidc/start?env=development`,
      );
      const form = await browser.follow(start.location!);
      const action = /<form method="post" action="([^"]+)"/.exec(form.body)![1];
      const submitted = await browser.request(
        new URL(action, form.url).toString(),
        {
          form: { email: 'ana.ruiz@plinth.dev', password: 'not-the-password' },
        },
      );
      expect(submitted.status).toBe(401);
      expect(submitted.location).toBeUndefined();
      expect(submitted.body).toContain(
        '<div id="login-error" role="alert">Wrong password for ana.ruiz@plinth.dev.</div>',
      );
    });

    it('says the identity provider is unreachable when it goes down after start-up', async () => {
      await idp!.stop();
      idp = undefined;
      const start = await new ScriptedBrowser().request(
        `${authBaseUrl}/oidc/start?env=development`,
      );
      expect(start.status).toBe(503);
      const message = readWebMessage(start.body);
      expect(message).toMatchObject({
        error: {
          name: 'ServiceUnavailableError',
          message: expect.stringContaining(
            'The identity provider is unreachable',
          ),
        },
      });
    });
  });
});
