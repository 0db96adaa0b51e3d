import { createApiRef } from '@backstage/frontend-plugin-api';
import type { PipelineHealthApi } from '@plinth/plugin-pipeline-health-common';

export const pipelineHealthApiRef = createApiRef<PipelineHealthApi>().with({
  id: 'plugin.pipeline-health.api',
  pluginId: 'pipeline-health',
});
