import { createApiRef } from '@backstage/frontend-plugin-api';
import type { OwnershipApi } from '@plinth/plugin-ownership-common';

export const ownershipApiRef = createApiRef<OwnershipApi>().with({
  id: 'plugin.ownership.api',
  pluginId: 'ownership',
});
