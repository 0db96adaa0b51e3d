import { mockServices } from '@backstage/backend-test-utils';
import type { PipelineEscalation } from '@plinth/plugin-pipeline-health-common';
import { readPipelineHealthConfig } from '../../config';
import type { StoredIncident } from '../alerting';
import { KafkaLagCollector } from '../kafka';
import { FakeKafkaAdmin } from '../kafka/testing/FakeKafkaAdmin';
import { PipelineHealthService } from './PipelineHealthService';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const ESCALATION: PipelineEscalation = {
  owner: 'group:default/data-infrastructure',
  policyRef: 'escalationpolicy:default/data-infrastructure',
  tier: {
    name: 'On-call',
    contacts: [{ kind: 'email', value: 'oncall@example.com' }],
  },
} as unknown as PipelineEscalation;

/**
 * The service above its ports: a real collector on a fake Kafka admin, and stores that
 * count how often they are asked (the thing under test is how often requests reach them).
 */
function setup() {
  const config = readPipelineHealthConfig(
    mockServices.rootConfig({
      data: {
        pipelineHealth: {
          clusters: { local: { brokers: ['127.0.0.1:9092'] } },
          pipelines: ['events', 'clicks'].map(id => ({
            id,
            owner: 'group:default/data-infrastructure',
            cluster: 'local',
            consumerGroups: [`${id}-ingester`],
          })),
        },
      },
    }),
  );
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const admin = new FakeKafkaAdmin()
    .setTopic('events', [100, 100])
    .setTopic('clicks', [10])
    .commit('events-ingester', 'events', [60, 90])
    .commit('clicks-ingester', 'clicks', [10]);
  const collector = new KafkaLagCollector({
    cluster: config.clusters[0],
    admin,
    logger,
    groupStateIntervalMs: 30_000,
    now: () => NOW,
  });
  const open: StoredIncident[] = [];
  const asked = { escalation: 0, openIncidents: 0 };
  const service = new PipelineHealthService({
    config,
    logger,
    kafka: new Map([['local', collector]]),
    history: {
      record: async () => {},
      getHistory: async () => {
        throw new Error('not under test');
      },
      compact: async () => {},
    },
    // A breach opened by this poll's alerting must be in the detail this poll serves.
    alerting: {
      evaluate: async pipeline => {
        if (pipeline.id === 'events' && open.length === 0) {
          open.push({
            id: 'incident-1',
            pipelineId: 'events',
            slo: 'consumerLag',
            startedAt: NOW,
            lastBreachAt: NOW,
            target: 300_000,
          });
        }
      },
    },
    incidents: {
      listIncidents: async () => [],
      openIncidents: async id => {
        asked.openIncidents += 1;
        return open.filter(i => i.pipelineId === id);
      },
    },
    escalation: {
      firstTier: async () => {
        asked.escalation += 1;
        return ESCALATION;
      },
    },
    now: () => NOW,
  });
  service.trackSources([]);
  return { service, asked };
}

describe('PipelineHealthService', () => {
  it('serves the list and each detail from answers built once per poll, not per request', async () => {
    const { service, asked } = setup();
    await service.poll();
    const afterPoll = { ...asked };

    const lists = Array.from({ length: 5 }, () => service.listPipelinesJson());
    const details = await Promise.all(
      Array.from({ length: 5 }, () => service.getPipelineJson('events')),
    );

    // One read per pipeline, in the poll; none per request.
    expect(afterPoll).toEqual({ escalation: 2, openIncidents: 2 });
    expect(asked).toEqual(afterPoll);
    expect(new Set(lists).size).toBe(1);
    expect(JSON.parse(lists[0])).toEqual(
      JSON.parse(JSON.stringify(service.listPipelines())),
    );
    expect(new Set(details).size).toBe(1);
    const detail = JSON.parse(details[0]);
    expect(detail.kafka.lag.offsetLag).toBe(50);
    expect(detail.escalation).toEqual(ESCALATION);
    expect(detail.openIncidents).toEqual([
      expect.objectContaining({ id: 'incident-1', slo: 'consumerLag' }),
    ]);
  });

  it('builds a detail on the spot before the first poll', async () => {
    const { service, asked } = setup();

    const detail = JSON.parse(await service.getPipelineJson('clicks'));

    expect(detail).toMatchObject({ id: 'clicks', status: 'unknown' });
    expect(asked).toEqual({ escalation: 1, openIncidents: 1 });
  });

  it('answers a partition list from the current snapshot, sorted by lag, and a new one after the next poll', async () => {
    const { service } = setup();
    await service.poll();

    const first = service.getGroupPartitions('events', 'events-ingester');
    expect(first.partitions.map(p => [p.partition, p.offsetLag])).toEqual([
      [0, 40],
      [1, 10],
    ]);
    expect(service.getGroupPartitions('events', 'events-ingester')).toBe(first);

    await service.poll();
    expect(service.getGroupPartitions('events', 'events-ingester')).not.toBe(
      first,
    );
  });
});
