import { createPermission } from '@backstage/plugin-permission-common';

/** Read the ownership matrix and coverage findings. */
export const ownershipMatrixReadPermission = createPermission({
  name: 'ownership.matrix.read',
  attributes: { action: 'read' },
});

/** Download the matrix as CSV (bulk export of contact data). */
export const ownershipMatrixExportPermission = createPermission({
  name: 'ownership.matrix.export',
  attributes: { action: 'read' },
});

export const ownershipPermissions = [
  ownershipMatrixReadPermission,
  ownershipMatrixExportPermission,
];
