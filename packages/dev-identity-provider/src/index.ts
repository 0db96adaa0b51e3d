/**
 * A development OpenID Connect provider (oidc-provider) with the example organisation's
 * users, for local sign-in (`PLINTH_AUTH=oidc make start`) and tests. Not for production.
 *
 * @packageDocumentation
 */
export { startDevIdentityProvider } from './server/startDevIdentityProvider';
export type {
  DevIdentityProvider,
  DevIdentityProviderOptions,
} from './server/startDevIdentityProvider';
export {
  loadDevAccounts,
  parseDevAccounts,
  UNKNOWN_TO_CATALOG_ACCOUNT,
} from './accounts/loadDevAccounts';
export { DevIdentityProviderError } from './accounts/types';
export type { DevAccount } from './accounts/types';
