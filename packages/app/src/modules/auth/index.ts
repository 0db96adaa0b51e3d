import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { oidcAuthApi } from './oidcAuthApi';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./PlinthSignInPage').then(m => m.PlinthSignInPage),
  },
});

/** Sign-in: the OIDC auth API and Plinth's sign-in page (replaces the guest-only default). */
export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});

export { oidcAuthApiRef } from './oidcAuthApi';
export { SignedInUser } from './SignedInUser';
