import { catalogRules } from './catalog';
import { signedInUsers } from './decisions';
import { ownershipRules } from './ownership';
import { scaffolderRules } from './scaffolder';
import { serviceCreationRules } from './serviceCreation';
import { techInsightsRules } from './techInsights';
import type { PlinthPermissionRule } from './types';

export type {
  PermissionMatch,
  PlinthPermissionRule,
  RuleContext,
  RuleUser,
} from './types';
export { matchesPermission } from './types';

/** Every signed-in user reads: the catalog, the ownership matrix, every Plinth read route. */
const readRule: PlinthPermissionRule = {
  id: 'plinth.read',
  description:
    'Any permission whose action is read (catalog.entity.read, ownership.matrix.read, ...) not decided above: any signed-in user.',
  match: { actions: ['read'] },
  decide: signedInUsers,
};

/**
 * The rule table: the first rule whose `match` fits a permission decides it; a permission
 * no rule matches is denied (rule `plinth.default-deny`). Specific rules come before the
 * generic read rule, so a read permission that must be restricted (the ownership export
 * has action read) is listed in its plugin's rules. A new plugin adds its file here.
 */
export const plinthPermissionRules: readonly PlinthPermissionRule[] = [
  ...ownershipRules,
  ...catalogRules,
  ...scaffolderRules,
  ...serviceCreationRules,
  ...techInsightsRules,
  readRule,
];

export const DEFAULT_DENY_RULE_ID = 'plinth.default-deny';
