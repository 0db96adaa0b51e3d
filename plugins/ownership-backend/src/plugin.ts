import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ownershipPermissions } from '@plinth/plugin-ownership-common';
import { createRouter } from './router';
import { ownershipSnapshotServiceRef } from './services/OwnershipSnapshot';

/**
 * The ownership and escalation matrix: who owns what, who to call, and coverage gaps.
 *
 * @public
 */
export const ownershipPlugin = createBackendPlugin({
  pluginId: 'ownership',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        snapshots: ownershipSnapshotServiceRef,
      },
      async init({
        auditor,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        snapshots,
      }) {
        permissionsRegistry.addPermissions(ownershipPermissions);
        httpRouter.use(
          await createRouter({ auditor, httpAuth, permissions, snapshots }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
