import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { readPipelineHealthConfig } from './readPipelineHealthConfig';

const read = (pipelineHealth: unknown) =>
  readPipelineHealthConfig(
    mockServices.rootConfig({
      data: pipelineHealth === undefined ? {} : { pipelineHealth },
    } as any),
  );

const clusters = { local: { brokers: ['localhost:9092'] } };
const pipeline = {
  id: 'events',
  title: 'Event pipeline',
  owner: 'group:default/data-platform',
  cluster: 'local',
  consumerGroups: ['ingester'],
  topics: ['events'],
  clickhouseTable: 'analytics.events',
};
const withPipeline = (extra: Record<string, unknown>) =>
  read({ clusters, pipelines: [{ ...pipeline, ...extra }] });

describe('readPipelineHealthConfig', () => {
  it('applies the defaults when nothing is configured', () => {
    expect(read(undefined)).toEqual({
      pollIntervalMs: 5_000,
      clusters: [],
      pipelines: [],
    });
  });

  it('reads clusters and pipelines, filling SLOs from the PRD defaults', () => {
    expect(
      read({
        pollInterval: '10s',
        clusters: {
          local: { brokers: ['localhost:9092'], clientId: 'portal' },
          other: { brokers: ['kafka-1:9092', 'kafka-2:9092'] },
        },
        pipelines: [
          {
            ...pipeline,
            owner: 'group:data-platform',
            slo: { freshness: '2m' },
          },
        ],
      }),
    ).toEqual({
      pollIntervalMs: 10_000,
      clusters: [
        { name: 'local', brokers: ['localhost:9092'], clientId: 'portal' },
        {
          name: 'other',
          brokers: ['kafka-1:9092', 'kafka-2:9092'],
          clientId: 'plinth-pipeline-health',
        },
      ],
      pipelines: [
        {
          id: 'events',
          title: 'Event pipeline',
          owner: 'group:default/data-platform',
          cluster: 'local',
          consumerGroups: ['ingester'],
          topics: ['events'],
          clickhouseTable: { database: 'analytics', table: 'events' },
          slo: {
            ingestionP99: 100,
            queryP99: 1_000,
            freshness: 120_000,
            consumerLag: 300_000,
            deadLetterRatio: 0.01,
          },
        },
      ],
    });
  });

  it('accepts durations as strings with a unit or as an object of units', () => {
    expect(read({ pollInterval: { seconds: 2 } }).pollIntervalMs).toBe(2_000);
    expect(
      withPipeline({
        slo: { ingestionP99: '250ms', queryP99: '1.5s', consumerLag: '1h' },
      }).pipelines[0].slo,
    ).toMatchObject({
      ingestionP99: 250,
      queryP99: 1_500,
      consumerLag: 3_600_000,
    });
  });

  it('accepts the dead-letter ratio as a fraction or a percentage', () => {
    expect(
      withPipeline({ slo: { deadLetterRatio: 0.05 } }).pipelines[0].slo
        .deadLetterRatio,
    ).toBe(0.05);
    expect(
      withPipeline({ slo: { deadLetterRatio: '5%' } }).pipelines[0].slo
        .deadLetterRatio,
    ).toBe(0.05);
  });

  it('refuses a latency SLO given as a bare number, naming the key and the fix', () => {
    expect(() => withPipeline({ slo: { ingestionP99: 100 } })).toThrow(
      new InputError(
        'Invalid config at pipelineHealth.pipelines[0].slo.ingestionP99: 100 is a number without a unit; write a duration such as "100ms" or "100s"',
      ),
    );
  });

  it('refuses a dead-letter ratio of 1 or more, suggesting the fraction and the percentage', () => {
    expect(() => withPipeline({ slo: { deadLetterRatio: 5 } })).toThrow(
      'Invalid config at pipelineHealth.pipelines[0].slo.deadLetterRatio: 5 is not a fraction below 1; write 0.05 or "5%"',
    );
    expect(() => withPipeline({ slo: { deadLetterRatio: '150%' } })).toThrow(
      'pipelineHealth.pipelines[0].slo.deadLetterRatio: "150%" is not a ratio',
    );
    expect(() => withPipeline({ slo: { deadLetterRatio: '5ms' } })).toThrow(
      'is not a ratio',
    );
  });

  it.each([
    [
      { freshness: '60 seconds' },
      'slo.freshness: "60 seconds" is not a duration',
    ],
    [{ freshness: '0s' }, 'slo.freshness: "0s" must be longer than 0'],
    [{ freshness: { days: 1 } }, 'slo.freshness: {"days":1} is not a duration'],
    [{ latency: '1s' }, 'slo.latency: unknown SLO; the SLOs are ingestionP99'],
    [{ deadLetterRatio: 0 }, 'slo.deadLetterRatio: 0 must be above 0'],
  ])('refuses SLOs %j', (slo, message) => {
    expect(() => withPipeline({ slo })).toThrow(message);
  });

  it('refuses a poll interval without a unit or below 1 s', () => {
    expect(() => read({ pollInterval: 5 })).toThrow(
      'Invalid config at pipelineHealth.pollInterval: 5 is a number without a unit; write a duration such as "5ms" or "5s"',
    );
    expect(() => read({ pollInterval: '200ms' })).toThrow(
      'Invalid config at pipelineHealth.pollInterval: "200ms" is shorter than the minimum of 1s',
    );
  });

  it('refuses a cluster without usable brokers', () => {
    expect(() => read({ clusters: { local: { brokers: [] } } })).toThrow(
      'Invalid config at pipelineHealth.clusters.local.brokers: the list is empty',
    );
    expect(() =>
      read({ clusters: { local: { brokers: ['localhost'] } } }),
    ).toThrow(
      'pipelineHealth.clusters.local.brokers[0]: "localhost" is not host:port',
    );
    expect(() => read({ clusters: { local: {} } })).toThrow(
      "Missing required config value at 'pipelineHealth.clusters.local.brokers'",
    );
  });

  it.each([
    [{ id: 'Events!' }, 'pipelines[0].id: "Events!" is not a pipeline id'],
    [
      { owner: 'data-platform' },
      'pipelines[0].owner: "data-platform" is not an entity ref',
    ],
    [{ owner: 'component:default/x' }, 'pipelines[0].owner'],
    [
      { cluster: 'prod' },
      'pipelines[0].cluster: "prod" is not a cluster under pipelineHealth.clusters (local)',
    ],
    [
      { consumerGroups: ['ok', 'bad group'] },
      'pipelines[0].consumerGroups[1]: "bad group" is not a consumer group id',
    ],
    [
      { topics: 'events' },
      'pipelines[0].topics: "events" is not a list of topic names',
    ],
    [
      { clickhouseTable: 'analytics.events;drop' },
      'pipelines[0].clickhouseTable: table "events;drop" in "analytics.events;drop" is not a plain identifier',
    ],
    [
      { clickhouseTable: 'events' },
      'pipelines[0].clickhouseTable: "events" has 0 "."',
    ],
    [
      { consumerGroup: ['ingester'] },
      'pipelines[0].consumerGroup: unknown key',
    ],
  ])('refuses pipeline %j', (extra, message) => {
    expect(() => withPipeline(extra)).toThrow(InputError);
    expect(() => withPipeline(extra)).toThrow(`pipelineHealth.${message}`);
  });

  it('refuses consumer groups and topics without the cluster they live on', () => {
    expect(() => withPipeline({ cluster: undefined })).toThrow(
      'Invalid config at pipelineHealth.pipelines[0].cluster: missing; consumer groups and topics need the cluster they live on',
    );
  });

  it('refuses two pipelines with one id, naming both', () => {
    expect(() =>
      read({
        clusters,
        pipelines: [pipeline, { ...pipeline, title: 'Again' }],
      }),
    ).toThrow(
      'Invalid config at pipelineHealth.pipelines[1].id: "events" is already the id of pipelineHealth.pipelines[0]',
    );
  });

  it('allows a ClickHouse-only pipeline without a cluster', () => {
    const config = read({
      pipelines: [
        {
          id: 'reports',
          owner: 'group:default/analytics',
          clickhouseTable: 'analytics.reports',
        },
      ],
    });
    expect(config.pipelines[0]).toMatchObject({
      id: 'reports',
      title: 'reports',
      cluster: undefined,
      consumerGroups: [],
      topics: [],
    });
  });
});
