import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ownershipMatrixExportPermission,
  ownershipPermissions,
} from '@plinth/plugin-ownership-common';
import {
  matrixRowResourceRef,
  matrixRowRules,
} from './permissions/matrixRowResource';
import { createRouter } from './router';
import { ownershipSnapshotServiceRef } from './services/OwnershipSnapshot';
import { refKey } from './services/OwnershipSnapshot/refs';

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
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        snapshots: ownershipSnapshotServiceRef,
      },
      async init({
        auditor,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        snapshots,
      }) {
        permissionsRegistry.addPermissions(ownershipPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: matrixRowResourceRef,
          permissions: [ownershipMatrixExportPermission],
          rules: matrixRowRules,
          // Resource refs are the rows' entity refs; anything else (such as
          // OWNERSHIP_MATRIX_ALL_ROWS_REF) is no row, so only an unconditional ALLOW passes it.
          async getResources(refs) {
            const { rowsByRef } = await snapshots.getSnapshot();
            return refs.map(ref => rowsByRef.get(refKey(ref)));
          },
        });
        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            logger,
            permissions,
            snapshots,
            authorizeRow: createConditionAuthorizer(
              permissionsRegistry.getPermissionRuleset(matrixRowResourceRef),
            ),
          }),
        );
        // The router requires credentials itself (everything but /v1/health) so that a
        // 401 is problem+json like every other error; Backstage's barrier would answer
        // before the router and in its own format.
        httpRouter.addAuthPolicy({ path: '/v1', allow: 'unauthenticated' });
      },
    });
  },
});
