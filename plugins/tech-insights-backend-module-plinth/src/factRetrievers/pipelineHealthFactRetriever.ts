import type { DiscoveryService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  type EntityPipelineHealth,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
  PipelineHealthClient,
} from '@plinth/plugin-pipeline-health-common';
import { CatalogReader } from '../services/CatalogReader';
import {
  type PluginCallAuth,
  pluginFetch,
  reasonOf,
} from '../services/pluginFetch';
import { factEntityOf } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

/** The pipeline-health backend's entity read: the port faked in unit tests. */
export type PipelineHealthSource = {
  getEntityHealth(entityRef: string): Promise<EntityPipelineHealth>;
};

export function createPipelineHealthSource(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: PluginCallAuth;
}): PipelineHealthSource {
  return new PipelineHealthClient({
    discoveryApi: options.discovery,
    fetchApi: pluginFetch(options.auth, 'pipeline-health'),
  });
}

/** Healthy: no annotation problem, every group measured and OK, ClickHouse reachable. */
export function unhealthyReasons(health: EntityPipelineHealth): string[] {
  const reasons = [...health.problems];
  for (const group of health.consumerGroups) {
    if (group.problem) {
      reasons.push(`${group.cluster}/${group.group}: ${group.problem}`);
    } else if (group.status !== 'OK') {
      reasons.push(
        `${group.cluster}/${group.group}: lag status ${group.status}`,
      );
    }
  }
  if (health.clickhouse && health.clickhouse.source.state !== 'ok') {
    reasons.push(
      `ClickHouse ${health.clickhouse.table}: ${
        health.clickhouse.source.state
      }${
        health.clickhouse.source.error
          ? ` (${health.clickhouse.source.error})`
          : ''
      }`,
    );
  }
  return reasons;
}

/**
 * Pipeline health facts for components with pipeline annotations, from the pipeline-health
 * backend. When it cannot be read, the row says why (`pipelineHealthNote`) and carries no
 * `pipelineHealthy`, so the check is not evaluated instead of failing the team.
 */
export function createPipelineHealthFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  source: (ctx: {
    discovery: DiscoveryService;
    auth: PluginCallAuth;
  }) => PipelineHealthSource;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.pipelineHealth,
    version: '0.1.0',
    title: 'Plinth pipeline health facts',
    description:
      'Health of the pipelines a component consumes, from pipeline-health.',
    entityFilter: [{ kind: 'Component' }],
    schema: {
      pipelineHealthy: {
        type: 'boolean',
        description:
          'No annotation problem, every consumer group OK, ClickHouse reachable',
      },
      pipelineHealthReasons: {
        type: 'set',
        description: 'Why the pipeline is not healthy, one line each',
      },
      pipelineHealthNote: {
        type: 'string',
        description: 'Why the health could not be evaluated ("" when it was)',
      },
    },
    async handler({ auth, discovery, logger }) {
      const components = await new CatalogReader(
        options.catalog,
        auth,
      ).entities({ kind: 'Component' }, [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ]);
      const annotated = components.filter(entity => {
        const annotations = entity.metadata.annotations ?? {};
        return (
          KAFKA_CONSUMER_GROUPS_ANNOTATION in annotations ||
          CLICKHOUSE_TABLE_ANNOTATION in annotations
        );
      });
      const source = options.source({ discovery, auth });
      const facts = [];
      let unavailable: string | undefined;
      for (const entity of annotated) {
        const entityRef = stringifyEntityRef(entity);
        if (unavailable) {
          // The backend did not answer for the previous entity: do not wait on it again.
          facts.push(noteRow(entity, unavailable));
          continue;
        }
        try {
          const reasons = unhealthyReasons(
            await source.getEntityHealth(entityRef),
          );
          facts.push({
            entity: factEntityOf(entity),
            facts: {
              pipelineHealthy: reasons.length === 0,
              pipelineHealthReasons: reasons,
              pipelineHealthNote: '',
            },
          });
        } catch (error) {
          if (
            error instanceof ResponseError &&
            ['NotFoundError', 'InputError'].includes(error.body.error.name)
          ) {
            // The backend answered, about this entity only: say so on its row.
            facts.push(noteRow(entity, `not evaluated: ${reasonOf(error)}`));
            continue;
          }
          unavailable = `not evaluated yet: pipeline-health backend not available (${reasonOf(
            error,
          )})`;
          logger.warn(
            'Pipeline health not evaluated: the pipeline-health backend did not answer',
            {
              entityRef,
              reason: reasonOf(error),
            },
          );
          facts.push(noteRow(entity, unavailable));
        }
      }
      return facts;
    },
  };
}

function noteRow(entity: Parameters<typeof factEntityOf>[0], note: string) {
  return {
    entity: factEntityOf(entity),
    facts: { pipelineHealthReasons: [], pipelineHealthNote: note },
  };
}
