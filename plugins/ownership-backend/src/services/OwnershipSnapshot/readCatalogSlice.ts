import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ESCALATION_POLICY_KIND,
  MATRIX_KINDS,
  isEscalationPolicyEntity,
  type EscalationPolicyEntity,
} from '@plinth/plugin-ownership-common';
import type { CatalogSlice } from './types';

/** Only what the matrix shows: keeps 10k-entity reads small. */
export const CATALOG_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.type',
  'spec.lifecycle',
  'spec.system',
  'spec.domain',
  'spec.tiers',
  'spec.profile',
  'spec.memberOf',
  'relations',
];

const PAGE_SIZE = 500;
const KINDS = [
  ...MATRIX_KINDS,
  ESCALATION_POLICY_KIND,
  'Group',
  'User',
  'System',
];

/** Pages through the catalog (cursor, field projection) with the plugin's own credentials. */
export async function readCatalogSlice(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogSlice> {
  const credentials = await auth.getOwnServiceCredentials();
  const slice: CatalogSlice = {
    matrixEntities: [],
    policies: [],
    groups: [],
    users: [],
    systems: [],
  };
  const matrixKinds = new Set<string>(MATRIX_KINDS);
  const add = (entity: Entity) => {
    if (matrixKinds.has(entity.kind)) {
      slice.matrixEntities.push(entity);
    } else if (isEscalationPolicyEntity(entity)) {
      slice.policies.push(entity as EscalationPolicyEntity);
    } else if (entity.kind === 'Group') {
      slice.groups.push(entity);
    } else if (entity.kind === 'User') {
      slice.users.push(entity);
    } else if (entity.kind === 'System') {
      slice.systems.push(entity);
    }
  };

  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: CATALOG_FIELDS }
        : {
            filter: { kind: KINDS },
            limit: PAGE_SIZE,
            fields: CATALOG_FIELDS,
          },
      { credentials },
    );
    page.items.forEach(add);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return slice;
}
