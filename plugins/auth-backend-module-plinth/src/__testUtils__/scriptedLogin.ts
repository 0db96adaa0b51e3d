/**
 * A browser without a browser: follows the OIDC redirects with fetch and one cookie jar,
 * fills in the dev IdP's login form, and reads the message the portal's frame handler posts
 * to its opener. Only what the sign-in journey needs (no cookie paths or expiry).
 */
export class ScriptedBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ url: string; status: number; location?: string; body: string }> {
    const target = new URL(url);
    const cookies = this.jar.get(target.host);
    const headers: Record<string, string> = {};
    if (cookies?.size) {
      headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const hostJar = this.jar.get(target.host) ?? new Map<string, string>();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') {
        hostJar.delete(name);
      } else {
        hostJar.set(name, value);
      }
      this.jar.set(target.host, hostJar);
    }
    const location = response.headers.get('location') ?? undefined;
    return {
      url,
      status: response.status,
      location: location ? new URL(location, url).toString() : undefined,
      body: await response.text(),
    };
  }

  /** GETs `url` and follows redirects until a page answers (or `stopAt` matches). */
  async follow(url: string, stopAt?: (url: string) => boolean) {
    let current = await this.request(url);
    for (let hops = 0; current.location && hops < 10; hops++) {
      if (stopAt?.(current.location)) break;
      current = await this.request(current.location);
    }
    return current;
  }
}

/** What the portal's frame handler (or start route) posts to the window that opened it. */
export type AuthorizationResponse =
  | {
      type: 'authorization_response';
      response: {
        profile: { email?: string; displayName?: string };
        providerInfo: { idToken?: string; accessToken?: string };
        backstageIdentity?: {
          token: string;
          identity: { userEntityRef: string; ownershipEntityRefs: string[] };
        };
      };
    }
  | {
      type: 'authorization_response';
      error: { name: string; message: string };
    };

/** Reads the JSON that sendWebMessageResponse embeds in its page's script. */
export function readWebMessage(html: string): AuthorizationResponse {
  const match = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
  if (!match) {
    throw new Error(`Not a web message response page: ${html.slice(0, 300)}`);
  }
  return JSON.parse(decodeURIComponent(match[1]));
}

/** Decodes a JWT's payload (no verification: the backend under test verifies). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/**
 * The whole sign-in: portal start route -> IdP login form -> (implied consent) -> portal
 * frame handler. Returns the frame handler's message and the login form's HTML.
 */
export async function signInThroughIdp(options: {
  authBaseUrl: string;
  email: string;
  password: string;
}): Promise<{ message: AuthorizationResponse; loginFormHtml: string }> {
  const browser = new ScriptedBrowser();
  const start = await browser.request(
    `${
      options.authBaseUrl
    }/oidc/start?env=development&scope=${encodeURIComponent(
      'openid profile email',
    )}`,
  );
  if (start.status !== 302 || !start.location) {
    return { message: readWebMessage(start.body), loginFormHtml: '' };
  }
  const form = await browser.follow(start.location);
  const action = /<form method="post" action="([^"]+)"/.exec(form.body)?.[1];
  if (!action) {
    throw new Error(`No login form at ${form.url}: ${form.body.slice(0, 300)}`);
  }
  const submitted = await browser.request(
    new URL(action, form.url).toString(),
    {
      form: { email: options.email, password: options.password },
    },
  );
  if (!submitted.location) {
    throw new Error(
      `The IdP did not accept the login (HTTP ${
        submitted.status
      }): ${submitted.body.slice(0, 500)}`,
    );
  }
  const frame = await browser.follow(submitted.location);
  return { message: readWebMessage(frame.body), loginFormHtml: form.body };
}
