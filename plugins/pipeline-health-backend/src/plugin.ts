import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  PIPELINE_HEALTH_SIGNAL_CHANNEL,
  pipelineHealthPermissions,
  type PipelineHealthSignal,
} from '@plinth/plugin-pipeline-health-common';
import { readPipelineHealthConfig } from './config';
import { createApiRouter } from './router';
import { BreachAlerter, KnexIncidentStore } from './services/alerting';
import { readAnnotatedEntities } from './services/catalog';
import { createClickHouseCollector } from './services/clickhouse';
import {
  OwnershipEscalationLookup,
  createOwnershipSource,
} from './services/escalation';
import { KnexHistoryStore, connectDatabase } from './services/history';
import { createKafkaCollectors } from './services/kafka';
import { PipelineHealthService } from './services/PipelineHealthService';

/** Annotated entities change rarely; a minute is soon enough for a new tab to fill. */
const CATALOG_SCAN_INTERVAL = { minutes: 1 };
/** Downsampling and retention; global, so one replica does it. */
const COMPACTION_INTERVAL = { minutes: 10 };

/**
 * Live pipeline health: Kafka lag and ClickHouse metrics polled in the background, SLOs,
 * history, incidents and notifications to the owner. Wiring only; the parts live in
 * src/services (see the README for how they fit).
 *
 * @public
 */
export const pipelineHealthPlugin = createBackendPlugin({
  pluginId: 'pipeline-health',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { auth, catalog, logger, scheduler } = deps;
        const config = readPipelineHealthConfig(deps.config);
        deps.permissionsRegistry.addPermissions(pipelineHealthPermissions);

        const knex = await connectDatabase(deps.database);
        const incidents = new KnexIncidentStore(knex);
        // One lookup (and cache) for the page and the notifications.
        const escalation = new OwnershipEscalationLookup({
          source: createOwnershipSource({ discovery: deps.discovery, auth }),
          logger,
        });
        const service = new PipelineHealthService({
          config,
          logger,
          kafka: createKafkaCollectors(config, logger),
          clickhouse: createClickHouseCollector(config, logger),
          history: new KnexHistoryStore({
            knex,
            history: config.history,
            pollIntervalMs: config.pollIntervalMs,
          }),
          incidents,
          alerting: new BreachAlerter({
            incidents,
            notifications: deps.notifications,
            escalation,
            alerting: config.alerting,
            logger,
          }),
          escalation,
          onSnapshot: generatedAt =>
            deps.signals.publish<PipelineHealthSignal>({
              recipients: { type: 'broadcast' },
              channel: PIPELINE_HEALTH_SIGNAL_CHANNEL,
              message: { generatedAt },
            }),
        });
        deps.lifecycle.addShutdownHook(() => service.close());

        // Every replica polls and serves its own snapshot (derived only from Kafka and
        // ClickHouse, so each is correct); the scheduler never overlaps runs of a task.
        await scheduler.scheduleTask({
          id: 'pipeline-health-poll',
          scope: 'local',
          frequency: { milliseconds: config.pollIntervalMs },
          timeout: {
            milliseconds: Math.max(config.pollIntervalMs * 6, 60_000),
          },
          fn: () => service.poll(),
        });
        await scheduler.scheduleTask({
          id: 'pipeline-health-catalog-scan',
          scope: 'local',
          frequency: CATALOG_SCAN_INTERVAL,
          timeout: { minutes: 1 },
          fn: async () => {
            try {
              service.trackSources(await readAnnotatedEntities(catalog, auth));
            } catch (error) {
              logger.warn(
                'Could not read annotated entities from the catalog; tracking the configured pipelines only until the next scan',
                { error: (error as Error).message },
              );
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'pipeline-health-compact-history',
          scope: 'global',
          frequency: COMPACTION_INTERVAL,
          timeout: { minutes: 5 },
          fn: () => service.compactHistory(),
        });

        deps.httpRouter.use(
          await createApiRouter({
            auditor: deps.auditor,
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
            readEntity: (ref, credentials) =>
              catalog.getEntityByRef(ref, { credentials }),
          }),
        );
        // The API router requires credentials itself (all of /v1 but /v1/health), so that
        // a 401 is problem+json like every other error it answers.
        deps.httpRouter.addAuthPolicy({
          path: '/v1',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
