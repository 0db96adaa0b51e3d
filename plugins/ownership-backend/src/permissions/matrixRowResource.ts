import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
  OWNERSHIP_MATRIX_ROW_RULES,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { z } from 'zod';
import { refKey } from '../services/OwnershipSnapshot/refs';

/**
 * What a rule turns into for a query: the owner refs a row may have. The matrix lives in
 * memory, so nothing queries with it; it keeps `toQuery` honest for policies that ask.
 */
export type MatrixRowQuery = { ownerRefIn: string[] };

/** The ownership-matrix-row resource type, registered by this plugin. */
export const matrixRowResourceRef = createPermissionResourceRef<
  OwnershipMatrixRow,
  MatrixRowQuery
>().with({
  pluginId: 'ownership',
  resourceType: OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
});

/** IS_ROW_OWNER: the row's owner is one of `claims` (compared as entity refs, any case). */
export const isRowOwner = createPermissionRule({
  name: OWNERSHIP_MATRIX_ROW_RULES.isRowOwner,
  description:
    "Allow rows whose owner is one of the given entity refs (e.g. the user's groups)",
  resourceRef: matrixRowResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs that own the row, usually the caller ownership refs',
      ),
  }),
  apply(row, { claims }) {
    if (!row.ownerRef) {
      return false;
    }
    const owner = refKey(row.ownerRef);
    return claims.some(claim => refKey(claim) === owner);
  },
  toQuery({ claims }) {
    return { ownerRefIn: claims };
  },
});

export const matrixRowRules = [isRowOwner];
