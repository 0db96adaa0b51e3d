import { resolve } from 'node:path';
import { startDevIdentityProvider } from './startDevIdentityProvider';

const usersFile = resolve(__dirname, '../../../../examples/org/users.yaml');
const options = {
  usersFile,
  password: 'pw',
  clientId: 'portal',
  clientSecret: 'secret',
  redirectUris: ['http://localhost:7007/api/auth/oidc/handler/frame'],
};

describe('startDevIdentityProvider', () => {
  it('serves a discovery document with the email claims on a free loopback port', async () => {
    const idp = await startDevIdentityProvider(options);
    try {
      expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(idp.metadataUrl);
      expect(response.status).toBe(200);
      const discovery = await response.json();
      expect(discovery.issuer).toBe(idp.issuer);
      expect(discovery.claims_supported).toEqual(
        expect.arrayContaining(['email', 'email_verified', 'name']),
      );
      expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
      expect(idp.accounts.map(a => a.email)).toEqual(
        expect.arrayContaining([
          'ana.ruiz@plinth.dev',
          'alex.unlisted@plinth.dev',
        ]),
      );
    } finally {
      await idp.stop();
    }
  });

  it('refuses to start without a redirect URI', async () => {
    await expect(
      startDevIdentityProvider({ ...options, redirectUris: [] }),
    ).rejects.toThrow(
      'At least one redirect URI is needed, e.g. http://localhost:7007/api/auth/oidc/handler/frame',
    );
  });

  it('refuses a redirect URI that is not a URL', async () => {
    await expect(
      startDevIdentityProvider({ ...options, redirectUris: ['frame'] }),
    ).rejects.toThrow("The redirect URI 'frame' is not a URL");
  });

  it('refuses an empty development password', async () => {
    await expect(
      startDevIdentityProvider({ ...options, password: '' }),
    ).rejects.toThrow('The development password must not be empty');
  });

  it('says which users file is missing before opening a port', async () => {
    await expect(
      startDevIdentityProvider({
        ...options,
        usersFile: '/nonexistent/users.yaml',
      }),
    ).rejects.toThrow('The users file /nonexistent/users.yaml does not exist');
  });
});
