import type {
  Permission,
  PermissionAttributes,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/** The signed-in user a decision is made for, with the claims the decision may use. */
export interface RuleUser {
  /** e.g. `user:default/ana.lima` */
  entityRef: string;
  /** The user's ownership claims: their own ref and their groups' refs (lower case). */
  ownershipRefs: readonly string[];
}

/** What a rule may look at. */
export interface RuleContext {
  permission: Permission;
  /** Undefined when the caller is not signed in. */
  user?: RuleUser;
  /** Group lists from `plinth.permissions`, lower-case refs. */
  groups: {
    exporters: ReadonlySet<string>;
    administrators: ReadonlySet<string>;
  };
}

/**
 * Which permissions a rule applies to. Every given field must match; `names` matches any
 * of its entries. An empty match applies to every permission.
 */
export interface PermissionMatch {
  names?: readonly string[];
  resourceType?: string;
  actions?: readonly NonNullable<PermissionAttributes['action']>[];
}

/** One row of the rule table. */
export interface PlinthPermissionRule {
  /** Stable id, shown in decision logs and in the docs, e.g. `ownership.export`. */
  id: string;
  /** Who gets what, in one sentence (shown in the docs table). */
  description: string;
  match: PermissionMatch;
  decide(context: RuleContext): PolicyDecision;
}

export function matchesPermission(
  match: PermissionMatch,
  permission: Permission,
): boolean {
  if (match.names && !match.names.includes(permission.name)) {
    return false;
  }
  if (
    match.resourceType !== undefined &&
    (permission.type !== 'resource' ||
      permission.resourceType !== match.resourceType)
  ) {
    return false;
  }
  if (match.actions) {
    const action = permission.attributes.action;
    if (!action || !match.actions.includes(action)) {
      return false;
    }
  }
  return true;
}
