import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readOwnershipConfig } from '../../config';
import { CatalogOwnershipSnapshotService } from './CatalogOwnershipSnapshotService';
import type { OwnershipSnapshotService } from './types';

export * from './types';
export { buildSnapshot, resolveRows } from './buildSnapshot';
export { readCatalogSlice } from './readCatalogSlice';
export { CatalogOwnershipSnapshotService } from './CatalogOwnershipSnapshotService';

export const ownershipSnapshotServiceRef =
  createServiceRef<OwnershipSnapshotService>({
    id: 'ownership.snapshot',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
        },
        async factory({ auth, catalog, config, logger, scheduler }) {
          const settings = readOwnershipConfig(config);
          const snapshots = new CatalogOwnershipSnapshotService({
            auth,
            catalog,
            logger,
            limits: settings,
          });
          // The snapshot is a per-process cache, so every replica refreshes its own.
          await scheduler.scheduleTask({
            id: 'ownership-snapshot-refresh',
            scope: 'local',
            frequency: { seconds: settings.refreshIntervalSeconds },
            timeout: { minutes: 5 },
            fn: () => snapshots.refresh(),
          });
          return snapshots;
        },
      }),
  });
