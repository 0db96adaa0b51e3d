import {
  AuthorizeResult,
  type PermissionCondition,
  type PermissionCriteria,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { RuleContext, RuleUser } from './types';

/** Building blocks for rule decisions; rules combine these instead of repeating logic. */

export const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
export const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * True when one of the user's ownership claims is one of `groups`. Membership comes from
 * the claims the sign-in resolver put in the user's token (their catalog groups), never
 * from a name match, so a group that does not exist in the catalog grants nobody.
 */
export function isMemberOf(
  user: RuleUser | undefined,
  groups: ReadonlySet<string>,
): boolean {
  return !!user?.ownershipRefs.some(ref => groups.has(ref));
}

/** ALLOW for any signed-in user, DENY otherwise. */
export function signedInUsers({ user }: RuleContext): PolicyDecision {
  return user ? allow : deny;
}

/** ALLOW for members of the administrator groups, DENY otherwise. */
export function administrators({ user, groups }: RuleContext): PolicyDecision {
  return isMemberOf(user, groups.administrators) ? allow : deny;
}

/**
 * A conditional decision: the plugin that owns `resourceType` applies `conditions` to
 * the resources a request names (or filters a list with them).
 */
export function conditional(
  pluginId: string,
  resourceType: string,
  conditions: PermissionCriteria<PermissionCondition<string>>,
): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType,
    conditions,
  };
}
