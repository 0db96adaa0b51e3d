import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type PermissionCondition,
  type PermissionCriteria,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  OWNERSHIP_MATRIX_ROW_RULES,
  ownershipMatrixExportPermission,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';

/** Applies a decision's conditions to one row (createConditionAuthorizer over our rules). */
export type RowAuthorizer = (
  decision: PolicyDecision,
  row: OwnershipMatrixRow,
) => boolean;

const EXPORTERS_CONFIG = 'plinth.permissions.exporters';
const AUTOMATION_CONFIG = 'plinth.permissions.automation';

/** Who asked, as a message can name them: a user ref, a service subject, or nobody. */
export function describePrincipal(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service ${principal.subject}`;
  }
  return 'an unauthenticated caller';
}

/** The `claims` of every IS_ROW_OWNER condition in a criteria tree. */
function rowOwnerClaims(
  criteria: PermissionCriteria<PermissionCondition>,
): string[] {
  if ('allOf' in criteria) {
    return criteria.allOf.flatMap(rowOwnerClaims);
  }
  if ('anyOf' in criteria) {
    return criteria.anyOf.flatMap(rowOwnerClaims);
  }
  if ('not' in criteria) {
    // A negated ownership condition grants nothing by ownership: do not name those groups.
    return [];
  }
  if (criteria.rule !== OWNERSHIP_MATRIX_ROW_RULES.isRowOwner) {
    return [];
  }
  const claims = (criteria.params as { claims?: unknown } | undefined)?.claims;
  return Array.isArray(claims)
    ? claims.filter((c): c is string => typeof c === 'string')
    : [];
}

/** A DENY of the export permission, naming the caller and where access is granted. */
export function exportDeniedError(
  credentials: BackstageCredentials,
): NotAllowedError {
  const isService =
    (credentials.principal as { type?: string }).type === 'service';
  const what = isService
    ? `Ask the platform team to grant it to this token in ${AUTOMATION_CONFIG}.`
    : `Ask a member of an exporter group (${EXPORTERS_CONFIG}) for the export.`;
  return new NotAllowedError(
    `${ownershipMatrixExportPermission.name}: denied to ${describePrincipal(
      credentials,
    )}. ${what}`,
  );
}

/**
 * The rows an export may contain, given the policy's decision on the export permission:
 * ALLOW -> every requested row; CONDITIONAL -> every requested row, if each one passes the
 * conditions (a partial file would look complete, so it is all or nothing); DENY -> none.
 * Throws NotAllowedError with a message that names the permission, why, and what to do.
 */
export function decideExport(options: {
  decision: PolicyDecision;
  rows: OwnershipMatrixRow[];
  authorizeRow: RowAuthorizer;
  credentials: BackstageCredentials;
}): OwnershipMatrixRow[] {
  const { decision, rows, authorizeRow, credentials } = options;
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    if (decision.result === AuthorizeResult.ALLOW) {
      return rows;
    }
    throw exportDeniedError(credentials);
  }
  const refused = rows.filter(row => !authorizeRow(decision, row));
  if (refused.length === 0) {
    return rows;
  }
  const groups = [
    ...new Set(
      rowOwnerClaims(decision.conditions).filter(ref =>
        ref.toLocaleLowerCase('en-US').startsWith('group:'),
      ),
    ),
  ].sort();
  const allowed = groups.length
    ? `you may export only rows owned by your groups (${groups.join(', ')})`
    : 'you may export only rows owned by your groups, and you are in none';
  const counted = `${refused.length} of the ${rows.length} requested rows belong to other owners`;
  const todo = groups.length
    ? `Filter by your team, or ask a member of an exporter group (${EXPORTERS_CONFIG}).`
    : `Ask a member of an exporter group (${EXPORTERS_CONFIG}).`;
  throw new NotAllowedError(
    `${ownershipMatrixExportPermission.name}: ${allowed}; ${counted}. ${todo}`,
  );
}
