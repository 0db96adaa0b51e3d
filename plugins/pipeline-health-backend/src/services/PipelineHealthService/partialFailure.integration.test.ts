import { mockServices } from '@backstage/backend-test-utils';
import { eventually } from '@plinth/testing';
// Test tooling from the source tree (see the comment in that file).
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  TestClickHouse,
  TestKafka,
} from '@plinth/event-pipeline/src/testing/infra';
import type { PipelineList } from '@plinth/plugin-pipeline-health-common';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { readPipelineHealthConfig } from '../../config';
import { createClickHouseCollector } from '../clickhouse';
import { createKafkaCollectors } from '../kafka';
import { PipelineHealthService } from './PipelineHealthService';

/*
 * The service on the real stack: the project's Kafka and ClickHouse (test ports), the real
 * collectors. Stopping ClickHouse must mark only its panel unavailable while the Kafka lag
 * keeps updating, and both must recover. History, alerting and escalation are not under
 * test here: small in-memory stand-ins above their ports.
 */
jest.setTimeout(180_000);

const kafka = new TestKafka('it-ph-b1-p29492', 29492, 1);
const clickhouse = new TestClickHouse('it-ph-p28253', 28253);
const TOPIC = 'ph-partial';
const GROUP = 'ph-partial-group';
const PARTITIONS = 3;

let admin: Admin;
let producer: Producer;
let service: PipelineHealthService;

async function produce(perPartition: number) {
  for (let partition = 0; partition < PARTITIONS; partition++) {
    await producer.send({
      topic: TOPIC,
      messages: Array.from({ length: perPartition }, (_, i) => ({
        partition,
        value: `m${i}`,
      })),
    });
  }
}

/** Polls once and returns the one pipeline's card. */
async function pollCard() {
  await service.poll();
  return (service.listPipelines() as PipelineList).pipelines[0];
}

beforeAll(async () => {
  await Promise.all([kafka.up(), clickhouse.up()]);
  const client = new Kafka({
    brokers: kafka.brokers,
    clientId: 'ph-partial-test',
    logLevel: logLevel.NOTHING,
  });
  // The project's admin waits until the broker has every partition's leader: kafkajs' own
  // waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a loaded broker answers
  // for a moment after creating the topic (a busy CI run failed here).
  const setup = await kafka.admin();
  try {
    await setup.createTopics([
      { topic: TOPIC, partitions: PARTITIONS, replicationFactor: 1 },
    ]);
  } finally {
    await setup.disconnect();
  }
  admin = client.admin();
  await admin.connect();
  producer = client.producer();
  await producer.connect();
  await produce(10);
  // The group has read nothing: committed at the start of every partition.
  await admin.setOffsets({
    groupId: GROUP,
    topic: TOPIC,
    partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({
      partition,
      offset: '0',
    })),
  });

  const config = readPipelineHealthConfig(
    mockServices.rootConfig({
      data: {
        pipelineHealth: {
          pollInterval: '1s',
          kafkaRequestTimeout: '2s',
          clusters: { local: { brokers: kafka.brokers } },
          clickhouse: {
            url: clickhouse.url,
            password: 'plinth-dashboard-dev',
            queryTimeout: '2s',
          },
          pipelines: [
            {
              id: 'partial',
              owner: 'group:default/data-infrastructure',
              cluster: 'local',
              consumerGroups: [GROUP],
              topics: [TOPIC],
              clickhouseTable: 'plinth_events.events',
            },
          ],
        },
      },
    }),
  );
  const logger = mockServices.logger.mock();
  service = new PipelineHealthService({
    config,
    logger,
    kafka: createKafkaCollectors(config, logger),
    clickhouse: createClickHouseCollector(config, logger),
    history: {
      record: async () => {},
      getHistory: async () => {
        throw new Error('not under test');
      },
      compact: async () => {},
    },
    alerting: { evaluate: async () => [] },
    incidents: { listIncidents: async () => [], openIncidents: async () => [] },
    escalation: { firstTier: async () => undefined },
  });
});

afterAll(async () => {
  await service?.close();
  await producer?.disconnect();
  await admin?.disconnect();
  await Promise.all([kafka.down(), clickhouse.down()]);
});

it('keeps Kafka lag updating while ClickHouse is down, and recovers both', async () => {
  const healthy = await eventually(
    'both sources ok with the first lag',
    pollCard,
    {
      until: card =>
        card.kafka?.source.state === 'ok' &&
        card.kafka.lag?.offsetLag === 30 &&
        card.clickhouse?.source.state === 'ok',
    },
  );
  expect(healthy.clickhouse?.metrics).toBeDefined();

  await clickhouse.stop();
  await produce(5);
  const degraded = await eventually(
    'ClickHouse unavailable while the Kafka lag moved to 45',
    pollCard,
    {
      until: card =>
        card.clickhouse?.source.state === 'unavailable' &&
        card.kafka?.source.state === 'ok' &&
        card.kafka.lag?.offsetLag === 45,
    },
  );
  // The last good ClickHouse numbers stay on the card, with the error.
  expect(degraded.clickhouse?.metrics).toBeDefined();
  expect(degraded.clickhouse?.source.error).toEqual(expect.any(String));
  expect(degraded.slos.find(s => s.objective === 'ingestionP99')?.status).toBe(
    'no-data',
  );

  await clickhouse.up({ wipe: false });
  await eventually('ClickHouse ok again, Kafka still ok', pollCard, {
    until: card =>
      card.clickhouse?.source.state === 'ok' &&
      card.kafka?.source.state === 'ok' &&
      card.kafka.lag?.offsetLag === 45,
    timeoutMs: 60_000,
  });
});
