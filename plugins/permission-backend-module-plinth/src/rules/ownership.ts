import {
  OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
  ownershipMatrixExportPermission,
  ownershipMatrixRowConditions,
} from '@plinth/plugin-ownership-common';
import { allow, conditional, deny, isMemberOf } from './decisions';
import type { PlinthPermissionRule } from './types';

/** The backend plugin that owns the ownership-matrix-row resource type and its rules. */
const OWNERSHIP_PLUGIN_ID = 'ownership';

export const ownershipRules: PlinthPermissionRule[] = [
  {
    id: 'ownership.export',
    description:
      'Export every row: members of plinth.permissions.exporters. Any other signed-in user: only the rows their own groups own (conditional on IS_ROW_OWNER).',
    match: { names: [ownershipMatrixExportPermission.name] },
    decide({ user, groups }) {
      if (!user) {
        return deny;
      }
      if (isMemberOf(user, groups.exporters)) {
        return allow;
      }
      return conditional(
        OWNERSHIP_PLUGIN_ID,
        OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
        ownershipMatrixRowConditions.isRowOwner({
          claims: [...user.ownershipRefs],
        }),
      );
    },
  },
];
