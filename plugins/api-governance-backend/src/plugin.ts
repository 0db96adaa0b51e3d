import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { apiGovernancePermissions } from '@plinth/plugin-api-governance-common';
import { readApiGovernanceConfig } from './config';
import { createApiRouter } from './router';
import { AnalysisWorkerPool, CachedSpecAnalyzer } from './services/analysis';
import { CatalogServiceApiCatalog } from './services/catalog';
import { ApiGovernanceService } from './services/governance';
import {
  OwnershipClientDirectory,
  createOwnershipClient,
} from './services/ownership';

/**
 * API versions and governance: per API family the version timeline, lint findings, diffs
 * between lines, policy violations and the consumers of each line with who to call.
 * Wiring only; the parts live in src/services.
 *
 * @public
 */
export const apiGovernancePlugin = createBackendPlugin({
  pluginId: 'api-governance',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        const { logger } = deps;
        const config = readApiGovernanceConfig(deps.config);
        deps.permissionsRegistry.addPermissions(apiGovernancePermissions);

        const workers = new AnalysisWorkerPool({
          logger,
          limits: {
            timeoutMs: config.limits.diffTimeoutMs,
            maxOldGenerationSizeMb: config.limits.maxWorkerMemoryMb,
            maxQueuedJobs: config.limits.maxQueuedJobs,
          },
        });
        deps.lifecycle.addShutdownHook(() => workers.close());
        deps.lifecycle.addStartupHook(() => workers.warmUp());

        const service = new ApiGovernanceService({
          catalog: new CatalogServiceApiCatalog(deps.catalog),
          ownership: new OwnershipClientDirectory({
            client: createOwnershipClient({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
            logger,
          }),
          analyzer: new CachedSpecAnalyzer({
            runner: workers,
            limits: { maxBytes: config.limits.maxSpecBytes },
            maxEntries: config.cacheMaxEntries,
          }),
          logger,
          minDeprecationDays: config.minDeprecationDays,
        });

        deps.httpRouter.use(
          await createApiRouter({
            auditor: deps.auditor,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger,
            service,
          }),
        );
        // The API router requires credentials itself, so that a 401 is problem+json like
        // every other error it answers.
        deps.httpRouter.addAuthPolicy({
          path: '/v1',
          allow: 'unauthenticated',
        });
        logger.info('API governance ready', {
          minDeprecationDays: config.minDeprecationDays,
          diffTimeoutMs: config.limits.diffTimeoutMs,
          maxWorkerMemoryMb: config.limits.maxWorkerMemoryMb,
        });
      },
    });
  },
});
