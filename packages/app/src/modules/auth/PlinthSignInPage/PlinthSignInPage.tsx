import { useCallback, useEffect, useState } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  UserIdentity,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  IdentityApi,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { oidcAuthApiRef } from '../oidcAuthApi';
import { GuestIdentity } from './GuestIdentity';
import { describeSignInError, SignInProblem } from './signInErrors';

export type SignInProviderId = 'guest' | 'oidc';

// Which provider signed in last, so that a page reload restores that session.
const LAST_PROVIDER_KEY = 'plinth:sign-in-provider';

/** Forgets the remembered provider on sign-out, so that guest is not re-entered at once. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(LAST_PROVIDER_KEY);
      await identity.signOut();
    },
  };
}

/** Reads `auth.signInPage.providers` (frontend-visible, packages/app/config.d.ts). */
export function readSignInProviders(
  configured: string[] | undefined,
): SignInProviderId[] {
  const known = (configured ?? ['guest']).filter(
    (p): p is SignInProviderId => p === 'guest' || p === 'oidc',
  );
  return known.length > 0 ? known : ['guest'];
}

/**
 * Plinth's sign-in page: "Sign in with your organisation" (OIDC) and, in development, guest;
 * which ones come from config. Failures are shown on the page (an unreachable identity
 * provider, an email that matches no catalog User), not in a transient toast.
 */
export function PlinthSignInPage({ onSignInSuccess }: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const oidcAuthApi = useApi(oidcAuthApiRef);
  const providers = readSignInProviders(
    configApi.getOptionalStringArray('auth.signInPage.providers'),
  );
  const isDevelopment =
    (configApi.getOptionalString('auth.environment') ?? 'development') ===
    'development';
  const [restoring, setRestoring] = useState(true);
  const [busy, setBusy] = useState<SignInProviderId | undefined>();
  const [problem, setProblem] = useState<SignInProblem | undefined>();

  const succeed = useCallback(
    (provider: SignInProviderId, identity: IdentityApi) => {
      localStorage.setItem(LAST_PROVIDER_KEY, provider);
      onSignInSuccess(forgetOnSignOut(identity));
    },
    [onSignInSuccess],
  );

  const signInWithOidc = useCallback(
    async (interactive: boolean) => {
      const response = await oidcAuthApi.getBackstageIdentity(
        interactive ? { instantPopup: true } : { optional: true },
      );
      if (!response) return false;
      const profile = await oidcAuthApi.getProfile();
      succeed(
        'oidc',
        UserIdentity.create({
          identity: response.identity,
          profile,
          authApi: oidcAuthApi,
        }),
      );
      return true;
    },
    [oidcAuthApi, succeed],
  );

  // Restores the session of the provider used last (a page reload, a new tab).
  useEffect(() => {
    let cancelled = false;
    const last = localStorage.getItem(LAST_PROVIDER_KEY);
    const restore = async () => {
      if (last === 'oidc' && providers.includes('oidc')) {
        return signInWithOidc(false);
      }
      if (last === 'guest' && providers.includes('guest')) {
        succeed('guest', await GuestIdentity.signIn(discoveryApi));
        return true;
      }
      return false;
    };
    restore()
      .catch(() => false) // an expired or refused session: sign in again
      .then(restored => {
        if (!restored && !cancelled) setRestoring(false);
      });
    return () => {
      cancelled = true;
    };
    // Once, on mount: the configured providers do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const start = async (provider: SignInProviderId) => {
    setBusy(provider);
    setProblem(undefined);
    try {
      if (provider === 'oidc') {
        if (!(await signInWithOidc(true))) {
          throw new Error(
            'The identity provider returned no Backstage identity',
          );
        }
      } else {
        succeed('guest', await GuestIdentity.signIn(discoveryApi));
      }
    } catch (error) {
      setProblem(describeSignInError(error));
      setBusy(undefined);
    }
  };

  if (restoring) {
    return <Progress />;
  }

  return (
    <Page themeId="home">
      <Header
        title="Plinth"
        subtitle="Sign in to the internal developer portal"
      />
      <Content>
        {problem && (
          <Alert
            severity="error"
            role="alert"
            data-testid="sign-in-error"
            sx={{ mb: 3 }}
          >
            <AlertTitle>{problem.title}</AlertTitle>
            {problem.message}
            {problem.localHint && isDevelopment && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {problem.localHint}
              </Typography>
            )}
          </Alert>
        )}
        <Grid container spacing={3}>
          {providers.includes('oidc') && (
            <Grid item xs={12} md={6} lg={4}>
              <Card component="section" aria-labelledby="sign-in-oidc-title">
                <CardContent>
                  <Typography
                    id="sign-in-oidc-title"
                    variant="h5"
                    component="h2"
                  >
                    Your organisation
                  </Typography>
                  <Typography variant="body1" sx={{ mt: 1 }}>
                    Sign in with your work account. You see Plinth as yourself,
                    with your team&apos;s permissions.
                  </Typography>
                </CardContent>
                <CardActions>
                  <Button
                    variant="contained"
                    onClick={() => start('oidc')}
                    disabled={busy !== undefined}
                  >
                    Sign in with your organisation
                  </Button>
                </CardActions>
              </Card>
            </Grid>
          )}
          {providers.includes('guest') && (
            <Grid item xs={12} md={6} lg={4}>
              <Card component="section" aria-labelledby="sign-in-guest-title">
                <CardContent>
                  <Typography
                    id="sign-in-guest-title"
                    variant="h5"
                    component="h2"
                  >
                    Guest
                  </Typography>
                  <Typography variant="body1" sx={{ mt: 1 }}>
                    Look around without an account (development only). A guest
                    is in no team, so team-restricted actions are refused.
                  </Typography>
                </CardContent>
                <CardActions>
                  <Button
                    variant="outlined"
                    onClick={() => start('guest')}
                    disabled={busy !== undefined}
                  >
                    Enter
                  </Button>
                </CardActions>
              </Card>
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
