/**
 * Plinth sign-in for the auth backend: the `oidc` provider with a resolver that maps the
 * verified OIDC email to the catalog User.
 *
 * @packageDocumentation
 */
export { authModulePlinth as default } from './module';
export {
  catalogUserByEmail,
  unknownEmailMessage,
} from './signIn/catalogUserByEmail';
export { unreachableMessage } from './oidc/reachableOidcAuthenticator';
