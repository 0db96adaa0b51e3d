import { createApiRef } from '@backstage/frontend-plugin-api';
import type { AdoptionApi } from './client';

export const adoptionApiRef = createApiRef<AdoptionApi>().with({
  id: 'plugin.adoption.api',
  pluginId: 'adoption',
});
