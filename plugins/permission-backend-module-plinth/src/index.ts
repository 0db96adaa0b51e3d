/**
 * The Plinth permission policy: every plugin's permissions decided in one rule table,
 * and the permissions service that limits external service principals to what
 * `plinth.permissions.automation` grants.
 *
 * @packageDocumentation
 */
export { permissionModulePlinthPolicy as default } from './module';
export { plinthPermissionsServiceFactory } from './automation/plinthPermissionsServiceFactory';
export { plinthPermissionRules } from './rules';
export type {
  PermissionMatch,
  PlinthPermissionRule,
  RuleContext,
  RuleUser,
} from './rules';
