import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read API governance: families, version timelines, diffs, lint findings, policy
 * violations and the consumers of each line with who to call.
 */
export const apiGovernanceReadPermission = createPermission({
  name: 'api-governance.read',
  attributes: { action: 'read' },
});

export const apiGovernancePermissions = [apiGovernanceReadPermission];
