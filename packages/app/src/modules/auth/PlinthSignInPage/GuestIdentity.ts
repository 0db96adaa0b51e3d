import {
  BackstageUserIdentity,
  DiscoveryApi,
  IdentityApi,
  ProfileInfo,
} from '@backstage/frontend-plugin-api';

type GuestSession = {
  profile: ProfileInfo;
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageUserIdentity;
  };
};

// Fetch a new token this long before the current one expires.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

/**
 * The guest identity from the auth backend's guest provider (development only). The core
 * SignInPage has the same logic, but does not export it.
 */
export class GuestIdentity implements IdentityApi {
  private session?: { value: GuestSession; refreshAfter: number };

  private constructor(private readonly discoveryApi: DiscoveryApi) {}

  /** Signs in as the guest; rejects when the guest provider is not available. */
  static async signIn(discoveryApi: DiscoveryApi): Promise<GuestIdentity> {
    const identity = new GuestIdentity(discoveryApi);
    await identity.current();
    return identity;
  }

  private async current(): Promise<GuestSession> {
    if (this.session && Date.now() < this.session.refreshAfter) {
      return this.session.value;
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('auth');
    const response = await fetch(`${baseUrl}/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    });
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      throw new Error(
        body?.error?.message ??
          `Guest sign-in failed with HTTP ${response.status}`,
      );
    }
    const value = (await response.json()) as GuestSession;
    const lifetimeMs =
      (value.backstageIdentity.expiresInSeconds ?? 0) * 1000 ||
      DEFAULT_LIFETIME_MS;
    this.session = {
      value,
      refreshAfter: Date.now() + Math.max(0, lifetimeMs - REFRESH_MARGIN_MS),
    };
    return value;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.current()).profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.current()).backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.current()).backstageIdentity.token };
  }

  async signOut(): Promise<void> {
    this.session = undefined;
  }
}
