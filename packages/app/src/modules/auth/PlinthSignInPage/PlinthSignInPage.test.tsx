import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { oidcAuthApiRef } from '../oidcAuthApi';
import { PlinthSignInPage, readSignInProviders } from './PlinthSignInPage';

function namedError(name: string, message: string) {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** An OIDC auth API whose interactive sign-in fails the way the popup reports it. */
function failingOidcApi(error: Error) {
  return {
    getBackstageIdentity: jest.fn(async (options?: { optional?: boolean }) => {
      if (options?.optional) return undefined;
      throw error;
    }),
    getProfile: jest.fn(),
  } as unknown as typeof oidcAuthApiRef.T;
}

function renderPage(
  providers: string[],
  oidcApi: typeof oidcAuthApiRef.T,
  environment = 'development',
) {
  const onSignInSuccess = jest.fn();
  renderInTestApp(<PlinthSignInPage onSignInSuccess={onSignInSuccess} />, {
    config: {
      backend: { baseUrl: 'http://localhost:7007' },
      auth: { environment, signInPage: { providers } },
    },
    apis: [[oidcAuthApiRef, oidcApi]],
  });
  return { onSignInSuccess };
}

describe('PlinthSignInPage', () => {
  beforeEach(() => localStorage.clear());

  it('offers only "Sign in with your organisation" when OIDC is the only provider', async () => {
    renderPage(['oidc'], failingOidcApi(new Error('unused')));
    expect(
      await screen.findByRole('button', {
        name: 'Sign in with your organisation',
      }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it('says the identity provider is unreachable, and how to start it locally', async () => {
    renderPage(
      ['oidc'],
      failingOidcApi(
        namedError(
          'ServiceUnavailableError',
          'The identity provider is unreachable: http://127.0.0.1:7777/.well-known/openid-configuration did not answer (connect ECONNREFUSED 127.0.0.1:7777)',
        ),
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with your organisation',
      }),
    );
    const alert = await screen.findByTestId('sign-in-error');
    expect(alert).toHaveTextContent('The identity provider is unreachable');
    expect(alert).toHaveTextContent('connect ECONNREFUSED 127.0.0.1:7777');
    expect(alert).toHaveTextContent('infra/oidc/oidc.sh up');
    // The page stays usable: the button can be pressed again.
    expect(
      screen.getByRole('button', { name: 'Sign in with your organisation' }),
    ).toBeEnabled();
  });

  it('leaves out the local hint outside development', async () => {
    renderPage(
      ['oidc'],
      failingOidcApi(namedError('ServiceUnavailableError', 'down')),
      'production',
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with your organisation',
      }),
    );
    const alert = await screen.findByTestId('sign-in-error');
    expect(alert).toHaveTextContent('The identity provider is unreachable');
    expect(alert).not.toHaveTextContent('infra/oidc/oidc.sh');
  });

  it("shows the resolver's refusal of an unknown email as it is", async () => {
    const message =
      'No user in the Plinth catalog has the email x@y.dev; ask your platform team to add a User entity with spec.profile.email: x@y.dev';
    const { onSignInSuccess } = renderPage(
      ['oidc', 'guest'],
      failingOidcApi(namedError('NotAllowedError', message)),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with your organisation',
      }),
    );
    const alert = await screen.findByTestId('sign-in-error');
    expect(alert).toHaveTextContent('Sign-in refused');
    expect(alert).toHaveTextContent(message);
    await waitFor(() => expect(onSignInSuccess).not.toHaveBeenCalled());
  });
});

describe('readSignInProviders', () => {
  it('defaults to guest and ignores unknown names', () => {
    expect(readSignInProviders(undefined)).toEqual(['guest']);
    expect(readSignInProviders(['saml'])).toEqual(['guest']);
    expect(readSignInProviders(['oidc', 'saml', 'guest'])).toEqual([
      'oidc',
      'guest',
    ]);
  });
});
