export interface Config {
  auth?: {
    /**
     * What the Plinth sign-in page offers. `guest` works in development only (the guest
     * provider refuses to run elsewhere); `oidc` needs `auth.providers.oidc` for the current
     * `auth.environment`.
     */
    signInPage?: {
      /**
       * The sign-in options, in the order shown. Default: guest.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'oidc'>;
    };
  };
}
