import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
  parseClickHouseTableAnnotation,
  parseConsumerGroupsAnnotation,
  type ClickHouseTableRef,
  type ConsumerGroupHealth,
  type ConsumerGroupRef,
  type EntityPipelineHealth,
} from '@plinth/plugin-pipeline-health-common';
import type { PipelineHealthConfig } from '../../config';
import type { ClickHouseView, KafkaClusterView } from './types';

/** The annotation's value, or its parse error as a problem; never throws. */
function parsed<T>(
  parse: () => T | undefined,
  problems: string[],
): T | undefined {
  try {
    return parse();
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}

/**
 * What the collectors should track for an entity's annotations (used by the catalog scan);
 * malformed annotations track nothing, the entity tab reports them.
 */
export function annotatedSources(entity: Entity): {
  groups: ConsumerGroupRef[];
  table?: ClickHouseTableRef;
} {
  const ignored: string[] = [];
  return {
    groups: parsed(() => parseConsumerGroupsAnnotation(entity), ignored) ?? [],
    table: parsed(() => parseClickHouseTableAnnotation(entity), ignored),
  };
}

/**
 * The entity tab's answer, from the annotations and the current snapshots. Every problem is
 * a sentence that names the annotation and what to change; none of them is an error.
 */
export function entityHealth(options: {
  entity: Entity;
  config: PipelineHealthConfig;
  kafka: ReadonlyMap<string, KafkaClusterView>;
  clickhouse?: ClickHouseView;
}): EntityPipelineHealth {
  const { entity, config, kafka } = options;
  const entityRef = stringifyEntityRef(entity);
  const problems: string[] = [];
  const groupRefs = parsed(
    () => parseConsumerGroupsAnnotation(entity),
    problems,
  );
  const table = parsed(() => parseClickHouseTableAnnotation(entity), problems);
  if (groupRefs === undefined && table === undefined && problems.length === 0) {
    problems.push(
      `${entityRef} has neither ${KAFKA_CONSUMER_GROUPS_ANNOTATION} nor ${CLICKHOUSE_TABLE_ANNOTATION}; add one to see its pipeline health here`,
    );
  }

  const consumerGroups: ConsumerGroupHealth[] = [];
  for (const { cluster, group } of groupRefs ?? []) {
    const view = kafka.get(cluster);
    if (!view) {
      const configured = [...kafka.keys()];
      problems.push(
        `${KAFKA_CONSUMER_GROUPS_ANNOTATION} names cluster "${cluster}" (for group "${group}"), which is not configured; ${
          configured.length
            ? `the configured clusters are ${configured
                .map(c => `"${c}"`)
                .join(', ')}`
            : 'no cluster is configured'
        }: fix the annotation or add the cluster under pipelineHealth.clusters`,
      );
      continue;
    }
    const tracked = view.groups.get(group);
    consumerGroups.push(
      tracked?.health ?? {
        cluster,
        group,
        topics: [],
        offsetLag: 0,
        status: 'OK',
        statusCounts: { OK: 0, WARNING: 0, STALLED: 0, STOPPED: 0, ERROR: 0 },
        partitionCount: 0,
        problem:
          'not polled yet: groups named in annotations are picked up within a minute of the catalog change',
      },
    );
  }

  let clickhouse: EntityPipelineHealth['clickhouse'];
  if (table) {
    const name = `${table.database}.${table.table}`;
    if (!options.clickhouse) {
      problems.push(
        `${CLICKHOUSE_TABLE_ANNOTATION} names ${name}, but no ClickHouse is configured: set pipelineHealth.clickhouse`,
      );
    } else {
      clickhouse = options.clickhouse(name) ?? {
        table: name,
        source: {
          state: 'degraded',
          error:
            'not polled yet: tables named in annotations are picked up within a minute of the catalog change',
        },
      };
    }
  }

  return {
    entityRef,
    problems,
    consumerGroups,
    ...(clickhouse && { clickhouse }),
    pipelineIds: config.pipelines
      .filter(p => p.entityRef === entityRef)
      .map(p => p.id),
  };
}
