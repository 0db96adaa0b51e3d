import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckReferencesAction } from './actions/checkReferences';
import { createPublishGitHostAction } from './actions/publishGitHost';
import { readGitHostConfig } from './config';
import {
  isOwnerGroupMember,
  ownerGroupOf,
  ownerGroupResourceRef,
  serviceCreatePermission,
} from './permissions/serviceCreation';
import { HttpGitHostClient } from './services/GitHost/HttpGitHostClient';

/** Plinth's scaffolder actions: `plinth:publish:git-host`, `plinth:catalog:check-references`. */
export const scaffolderModulePlinth = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'plinth',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        actions,
        auth,
        catalog,
        config,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        const gitHostConfig = readGitHostConfig(config);
        // The policy decides plinth.service.create per owner group; conditional decisions
        // come back here (the scaffolder plugin's permission endpoint) to be applied.
        permissionsRegistry.addResourceType({
          resourceRef: ownerGroupResourceRef,
          permissions: [serviceCreatePermission],
          rules: [isOwnerGroupMember],
          // Only groups that exist in the catalog are resources: a made-up owner is denied.
          async getResources(refs) {
            const credentials = await auth.getOwnServiceCredentials();
            return Promise.all(
              refs.map(async ref => {
                const entity = await catalog
                  .getEntityByRef(ref, { credentials })
                  .catch(() => undefined);
                return entity ? ownerGroupOf(entity) : undefined;
              }),
            );
          },
        });
        actions.addActions(
          createPublishGitHostAction({
            gitHost: new HttpGitHostClient(gitHostConfig),
            catalog,
            permissions,
            auth,
          }),
          createCheckReferencesAction({ catalog }),
        );
        logger.info('Publishing to the local git host', {
          gitHost: gitHostConfig.baseUrl,
          tokenConfigured: Boolean(gitHostConfig.token),
        });
      },
    });
  },
});
