import type { Entity } from '@backstage/catalog-model';
import type { PipelineHealthConfig } from '../../config';
import { annotatedSources, entityHealth } from './entityHealth';
import type { KafkaClusterView } from './types';

const config = {
  pipelines: [{ id: 'events', entityRef: 'component:default/ingester' }],
} as unknown as PipelineHealthConfig;

const kafka = new Map<string, KafkaClusterView>([
  [
    'local',
    {
      cluster: 'local',
      source: { state: 'ok' },
      polledAt: '2026-11-30T12:00:00.000Z',
      groups: new Map([
        [
          'events-ingester',
          {
            health: {
              cluster: 'local',
              group: 'events-ingester',
              topics: ['events'],
              offsetLag: 3,
              status: 'OK',
              statusCounts: {
                OK: 1,
                WARNING: 0,
                STALLED: 0,
                STOPPED: 0,
                ERROR: 0,
              },
              partitionCount: 1,
            },
            partitions: [],
          },
        ],
      ]),
      topics: new Map(),
    },
  ],
]);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ingester', namespace: 'default', annotations },
    spec: {},
  };
}

describe('entityHealth', () => {
  it('answers with the tracked group, the table panel and the pipelines naming the entity', () => {
    const health = entityHealth({
      entity: entity({
        'kafka.apache.org/consumer-groups': 'local/events-ingester',
        'plinth.dev/clickhouse-table': 'plinth_events.events',
      }),
      config,
      kafka,
      clickhouse: table => ({ table, source: { state: 'ok' } }),
    });
    expect(health).toMatchObject({
      entityRef: 'component:default/ingester',
      problems: [],
      pipelineIds: ['events'],
      clickhouse: { table: 'plinth_events.events' },
    });
    expect(health.consumerGroups.map(g => g.offsetLag)).toEqual([3]);
  });

  it('names an unknown cluster and the configured ones, and still shows the rest', () => {
    const health = entityHealth({
      entity: entity({
        'kafka.apache.org/consumer-groups':
          'prod/orders, local/events-ingester',
      }),
      config,
      kafka,
    });
    expect(health.problems).toEqual([
      expect.stringMatching(
        /names cluster "prod" \(for group "orders"\), which is not configured; the configured clusters are "local"/,
      ),
    ]);
    expect(health.consumerGroups).toHaveLength(1);
  });

  it('reports a malformed annotation with the parser’s message instead of failing', () => {
    const health = entityHealth({
      entity: entity({
        'kafka.apache.org/consumer-groups': 'local/a/b',
        'plinth.dev/clickhouse-table': 'events; DROP TABLE x',
      }),
      config,
      kafka,
    });
    expect(health.problems).toHaveLength(2);
    expect(health.problems[0]).toMatch(
      /invalid annotation kafka.apache.org\/consumer-groups/,
    );
    expect(health.problems[1]).toMatch(
      /invalid annotation plinth.dev\/clickhouse-table/,
    );
    expect(health.consumerGroups).toEqual([]);
  });

  it('says a group is not polled yet, and a table without ClickHouse configured', () => {
    const health = entityHealth({
      entity: entity({
        'kafka.apache.org/consumer-groups': 'local/new-group',
        'plinth.dev/clickhouse-table': 'analytics.events',
      }),
      config,
      kafka,
    });
    expect(health.consumerGroups[0].problem).toMatch(/not polled yet/);
    expect(health.problems).toEqual([
      expect.stringMatching(
        /no ClickHouse is configured: set pipelineHealth.clickhouse/,
      ),
    ]);
  });

  it('tells what to add when the entity has neither annotation', () => {
    const health = entityHealth({ entity: entity({}), config, kafka });
    expect(health.problems[0]).toMatch(/add one to see its pipeline health/);
  });
});

describe('annotatedSources', () => {
  it('tracks nothing for malformed annotations', () => {
    expect(
      annotatedSources(entity({ 'kafka.apache.org/consumer-groups': ',' })),
    ).toEqual({ groups: [], table: undefined });
  });
});
