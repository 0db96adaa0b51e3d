import { createPermission } from '@backstage/plugin-permission-common';

/** Read pipeline health: lag, ClickHouse metrics, SLOs and their history. */
export const pipelineHealthReadPermission = createPermission({
  name: 'pipeline-health.read',
  attributes: { action: 'read' },
});

export const pipelineHealthPermissions = [pipelineHealthReadPermission];
