import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { createPermission } from '@backstage/plugin-permission-common';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * The resource `plinth.service.create` is decided on: the group that will own the new
 * service. Resource refs are group entity refs (`group:default/billing`).
 */
export const OWNER_GROUP_RESOURCE_TYPE = 'plinth-owner-group';

/** Rule names of the plinth-owner-group resource type (the Plinth policy uses them). */
export const OWNER_GROUP_RULES = {
  /** The group is one of `claims` (the caller's ownership refs). */
  isMember: 'IS_OWNER_GROUP_MEMBER',
} as const;

/**
 * Create a service (a repository on the git host and its catalog entity) owned by a group.
 * The Plinth policy allows administrators any group and everyone else the groups they
 * belong to (a conditional decision on {@link OWNER_GROUP_RULES.isMember}).
 */
export const serviceCreatePermission = createPermission({
  name: 'plinth.service.create',
  attributes: { action: 'create' },
  resourceType: OWNER_GROUP_RESOURCE_TYPE,
});

/** An owner group as the rule sees it: its entity ref, lower case. */
export interface OwnerGroup {
  ref: string;
}

/** Nothing lists owner groups through the permission framework; the query is the claims. */
export type OwnerGroupQuery = { memberOf: string[] };

export const ownerGroupResourceRef = createPermissionResourceRef<
  OwnerGroup,
  OwnerGroupQuery
>().with({
  pluginId: 'scaffolder',
  resourceType: OWNER_GROUP_RESOURCE_TYPE,
});

export const isOwnerGroupMember = createPermissionRule({
  name: OWNER_GROUP_RULES.isMember,
  description:
    "Allow groups that are one of the given entity refs (the caller's ownership claims)",
  resourceRef: ownerGroupResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the groups the caller belongs to'),
  }),
  apply(group, { claims }) {
    return claims.some(claim => claim.toLocaleLowerCase('en-US') === group.ref);
  },
  toQuery({ claims }) {
    return { memberOf: claims };
  },
});

/** The resource for a group entity that exists in the catalog. */
export function ownerGroupOf(entity: Entity): OwnerGroup | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
  return { ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US') };
}
