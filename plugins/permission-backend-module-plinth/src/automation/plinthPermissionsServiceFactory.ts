import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import { readPlinthPermissionsConfig } from '../config';
import { AutomationAwarePermissionsService } from './AutomationAwarePermissionsService';

/**
 * Replaces the default `coreServices.permissions` so that external service principals
 * get only what `plinth.permissions.automation` grants (see
 * {@link AutomationAwarePermissionsService}). Install it in the backend with
 * `backend.add(plinthPermissionsServiceFactory)`.
 */
export const plinthPermissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    auth: coreServices.auth,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
    logger: coreServices.logger,
  },
  // Parsed once for the whole backend, not once per plugin.
  createRootContext({ config }) {
    return readPlinthPermissionsConfig(config).automation;
  },
  async factory({ auth, config, discovery, logger }, grants) {
    return new AutomationAwarePermissionsService({
      inner: ServerPermissionClient.fromConfig(config, { auth, discovery }),
      auth,
      grants,
      logger,
    });
  },
});
