import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
  parseClickHouseTableAnnotation,
  parseConsumerGroupsAnnotation,
} from '@plinth/plugin-pipeline-health-common';
import { CatalogReader } from '../services/CatalogReader';
import { factEntityOf } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

/** The tag a component carries to say it consumes events (when it has no annotation yet). */
export const EVENT_CONSUMER_TAG = 'event-consumer';

/**
 * Why an entity counts as an event consumer, or undefined when it does not. The catalog does
 * not model "consumes a topic" (dependsOn a kafka-topic Resource is also what a producer
 * writes), so a consumer says so: with the tag, or by carrying either pipeline annotation.
 */
export function eventConsumerEvidence(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (KAFKA_CONSUMER_GROUPS_ANNOTATION in annotations) {
    return `annotation ${KAFKA_CONSUMER_GROUPS_ANNOTATION}`;
  }
  if (CLICKHOUSE_TABLE_ANNOTATION in annotations) {
    return `annotation ${CLICKHOUSE_TABLE_ANNOTATION}`;
  }
  if ((entity.metadata.tags ?? []).includes(EVENT_CONSUMER_TAG)) {
    return `tag ${EVENT_CONSUMER_TAG}`;
  }
  return undefined;
}

/** What is missing or malformed in a consumer's pipeline annotations, one sentence each. */
export function pipelineAnnotationProblems(entity: Entity): string[] {
  const problems: string[] = [];
  const parsers = [
    [KAFKA_CONSUMER_GROUPS_ANNOTATION, parseConsumerGroupsAnnotation],
    [CLICKHOUSE_TABLE_ANNOTATION, parseClickHouseTableAnnotation],
  ] as const;
  for (const [annotation, parse] of parsers) {
    try {
      if (parse(entity) === undefined) {
        problems.push(`${annotation} is missing`);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}

/**
 * Pipeline annotation facts, only for components that consume events: for every other
 * component the check does not apply, so it gets no fact row.
 */
export function createPipelineAnnotationsFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.pipelineAnnotations,
    version: '0.1.0',
    title: 'Plinth pipeline annotation facts',
    description:
      'Event consumers name their consumer groups and ClickHouse table.',
    entityFilter: [{ kind: 'Component' }],
    schema: {
      eventConsumer: {
        type: 'string',
        description: 'Why the component counts as an event consumer',
      },
      pipelineAnnotationsValid: {
        type: 'boolean',
        description: 'Both pipeline annotations are present and well-formed',
      },
      pipelineAnnotationProblems: {
        type: 'set',
        description: 'What is missing or malformed, one sentence each',
      },
    },
    async handler({ auth }) {
      const components = await new CatalogReader(
        options.catalog,
        auth,
      ).entities({ kind: 'Component' }, [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'metadata.tags',
      ]);
      return components.flatMap(entity => {
        const evidence = eventConsumerEvidence(entity);
        if (!evidence) {
          return [];
        }
        const problems = pipelineAnnotationProblems(entity);
        return [
          {
            entity: factEntityOf(entity),
            facts: {
              eventConsumer: evidence,
              pipelineAnnotationsValid: problems.length === 0,
              pipelineAnnotationProblems: problems,
            },
          },
        ];
      });
    },
  };
}
