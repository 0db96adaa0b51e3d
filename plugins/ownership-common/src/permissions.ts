import {
  createPermission,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';

/**
 * The resource the export permission is decided on: one row of the ownership matrix
 * (a component, API or resource with its owner). A conditional decision names the rows a
 * caller may export; the ownership backend applies it to the rows a request asks for.
 */
export const OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE = 'ownership-matrix-row';

/**
 * A resource ref that stands for the whole matrix, not one row: no row has it, so only an
 * unconditional ALLOW passes it (a conditional decision cannot vouch for rows it has not
 * seen). The frontend asks the permission backend about it to learn whether the caller may
 * export every row; browser requests for a resource permission must name a resourceRef.
 */
export const OWNERSHIP_MATRIX_ALL_ROWS_REF = 'ownership-matrix:all-rows';

/** Read the ownership matrix and coverage findings. */
export const ownershipMatrixReadPermission = createPermission({
  name: 'ownership.matrix.read',
  attributes: { action: 'read' },
});

/**
 * Download the matrix as CSV (bulk export of contact data). Decided per row: the Plinth
 * policy allows every row to the exporter groups in config and, to everyone else, the rows
 * their own groups own (a conditional decision with {@link ownershipMatrixRowConditions}).
 */
export const ownershipMatrixExportPermission = createPermission({
  name: 'ownership.matrix.export',
  attributes: { action: 'read' },
  resourceType: OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
});

export const ownershipPermissions = [
  ownershipMatrixReadPermission,
  ownershipMatrixExportPermission,
];

/** Rule names of the ownership-matrix-row resource type (the backend implements them). */
export const OWNERSHIP_MATRIX_ROW_RULES = {
  /** The row's owner is one of `claims` (entity refs, e.g. the caller's ownership refs). */
  isRowOwner: 'IS_ROW_OWNER',
} as const;

/** Parameters of the IS_ROW_OWNER rule. */
export type IsRowOwnerParams = { claims: string[] };

/**
 * Conditions on ownership-matrix rows, for permission policies. Plain data, so a policy
 * module can build them without depending on the ownership backend.
 */
export const ownershipMatrixRowConditions = {
  isRowOwner(
    params: IsRowOwnerParams,
  ): PermissionCriteria<PermissionCondition<string, IsRowOwnerParams>> {
    return {
      rule: OWNERSHIP_MATRIX_ROW_RULES.isRowOwner,
      resourceType: OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
      params,
    };
  },
};
