import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readPlinthPermissionsConfig } from './config';
import { ConfiguredGroupsCheck } from './groups/ConfiguredGroupsCheck';
import { PlinthPermissionPolicy } from './policy/PlinthPermissionPolicy';
import { plinthPermissionRules } from './rules';

/** The scheduled task that reports configured groups the catalog does not have. */
export const CONFIGURED_GROUPS_CHECK_TASK_ID =
  'plinth-permissions-configured-groups-check';

/** Installs the Plinth permission policy in the permission backend. */
export const permissionModulePlinthPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'plinth-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        policy,
        config,
        logger,
        userInfo,
        auth,
        scheduler,
        catalog,
      }) {
        const { exporters, administrators } =
          readPlinthPermissionsConfig(config);
        policy.setPolicy(
          new PlinthPermissionPolicy({
            rules: plinthPermissionRules,
            exporters,
            administrators,
            userInfo,
            logger,
          }),
        );

        const check = new ConfiguredGroupsCheck({
          catalog,
          auth,
          logger,
          groups: [
            ...exporters.map(ref => ({
              ref,
              configKey: 'plinth.permissions.exporters',
            })),
            ...administrators.map(ref => ({
              ref,
              configKey: 'plinth.permissions.administrators',
            })),
          ],
        });
        // Polls until the catalog's groups have settled (see ConfiguredGroupsCheck);
        // after that each run returns at once.
        await scheduler.scheduleTask({
          id: CONFIGURED_GROUPS_CHECK_TASK_ID,
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { seconds: 30 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            try {
              await check.run();
            } catch (error) {
              // The catalog may still be starting; the next run tries again.
              logger.debug('Could not check configured groups yet', {
                error: String(error),
              });
            }
          },
        });
      },
    });
  },
});
