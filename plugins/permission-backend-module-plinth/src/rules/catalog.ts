import {
  allow,
  administrators,
  conditional,
  deny,
  isMemberOf,
  signedInUsers,
} from './decisions';
import type { PlinthPermissionRule } from './types';

// Names and rules of @backstage/plugin-catalog-common and plugin-catalog-backend, written
// out because a policy should not depend on the catalog backend itself; the permission
// backend validates conditions against the catalog's registered rules at request time.
const CATALOG_PLUGIN_ID = 'catalog';
const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';
const IS_ENTITY_OWNER = 'IS_ENTITY_OWNER';

export const catalogRules: PlinthPermissionRule[] = [
  {
    id: 'catalog.entity.delete',
    description:
      "Delete (unregister) an entity: the entity's owners; members of plinth.permissions.administrators delete any.",
    match: { names: ['catalog.entity.delete'] },
    decide({ user, groups }) {
      if (!user) {
        return deny;
      }
      if (isMemberOf(user, groups.administrators)) {
        return allow;
      }
      return conditional(CATALOG_PLUGIN_ID, CATALOG_ENTITY_RESOURCE_TYPE, {
        rule: IS_ENTITY_OWNER,
        resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
        params: { claims: [...user.ownershipRefs] },
      });
    },
  },
  {
    id: 'catalog.administration',
    description:
      'Delete locations, manage ingestion and delete unprocessed entities: members of plinth.permissions.administrators.',
    match: {
      names: [
        'catalog.location.delete',
        'catalog.ingestion.manage',
        'catalog.entities.unprocessed.delete',
      ],
    },
    decide: administrators,
  },
  {
    id: 'catalog.register',
    description:
      'Register, analyse and validate locations, create and refresh entities: any signed-in user (entities still need an owner, and the catalog rules in app-config limit the kinds).',
    match: {
      names: [
        'catalog.location.create',
        'catalog.location.analyze',
        'catalog.entity.create',
        'catalog.entity.validate',
        'catalog.entity.refresh',
      ],
    },
    decide: signedInUsers,
  },
];
