import { allow, conditional, deny, isMemberOf } from './decisions';
import type { PlinthPermissionRule } from './types';

// Names of @plinth/plugin-scaffolder-backend-module-plinth (its permissions/serviceCreation),
// written out because a policy should not depend on a scaffolder module; the permission
// backend validates the condition against the rules that module registers, and its tests
// run this policy against them.
const SCAFFOLDER_PLUGIN_ID = 'scaffolder';
const OWNER_GROUP_RESOURCE_TYPE = 'plinth-owner-group';
const IS_OWNER_GROUP_MEMBER = 'IS_OWNER_GROUP_MEMBER';

export const serviceCreationRules: PlinthPermissionRule[] = [
  {
    id: 'plinth.service.create',
    description:
      'Create a service (git host repository + catalog entity) owned by a group: members of that group (conditional on IS_OWNER_GROUP_MEMBER, and the group must exist in the catalog); members of plinth.permissions.administrators: any group.',
    match: { names: ['plinth.service.create'] },
    decide({ user, groups }) {
      if (!user) {
        return deny;
      }
      if (isMemberOf(user, groups.administrators)) {
        return allow;
      }
      return conditional(SCAFFOLDER_PLUGIN_ID, OWNER_GROUP_RESOURCE_TYPE, {
        rule: IS_OWNER_GROUP_MEMBER,
        resourceType: OWNER_GROUP_RESOURCE_TYPE,
        params: { claims: [...user.ownershipRefs] },
      });
    },
  },
];
