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
      groupStateIntervalMs: 30_000,
      kafkaRequestTimeoutMs: 5_000,
      clusters: [],
      clickhouse: undefined,
      history: {
        retentionMs: 7 * 86_400_000,
        fullResolutionMs: 86_400_000,
        downsampledResolutionMs: 60_000,
      },
      alerting: { enabled: true, breachForMs: 120_000 },
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
    ).toMatchObject({
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
          clickhouseTables: {
            events: { database: 'analytics', table: 'events' },
            ingestBatches: { database: 'analytics', table: 'ingest_batches' },
            deadLetters: { database: 'analytics', table: 'dead_letters' },
          },
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
    [
      { freshness: { weeks: 1 } },
      'slo.freshness: {"weeks":1} is not a duration',
    ],
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

  it('reads the ClickHouse connection, history and alerting settings', () => {
    const config = read({
      clickhouse: {
        url: 'http://localhost:8123',
        password: 'secret',
        queryTimeout: '2s',
      },
      history: {
        retention: '3d',
        fullResolutionFor: '12h',
        downsampleTo: '5m',
      },
      alerting: { enabled: false, breachFor: '30s' },
    });
    expect(config.clickhouse).toMatchObject({
      url: 'http://localhost:8123',
      username: 'plinth_dashboard',
      password: 'secret',
      queryTimeoutMs: 2_000,
      queryLogWindowMs: 900_000,
    });
    expect(config.history).toEqual({
      retentionMs: 3 * 86_400_000,
      fullResolutionMs: 12 * 3_600_000,
      downsampledResolutionMs: 300_000,
    });
    expect(config.alerting).toEqual({ enabled: false, breachForMs: 30_000 });
  });

  it.each([
    [
      { clickhouse: { url: 'localhost:8123' } },
      'pipelineHealth.clickhouse.url: "localhost:8123" is not an http(s) URL',
    ],
    [
      { clickhouse: { url: 'http://user:pw@localhost:8123' } },
      'pipelineHealth.clickhouse.url: must not carry credentials',
    ],
    [
      { clickhouse: { url: 'http://localhost:8123', queryTimeout: 5 } },
      'pipelineHealth.clickhouse.queryTimeout: 5 is a number without a unit',
    ],
    [
      { history: { retention: '1h', fullResolutionFor: '24h' } },
      'pipelineHealth.history.fullResolutionFor: is longer than history.retention',
    ],
    [
      { alerting: { breachFor: '2 minutes' } },
      'pipelineHealth.alerting.breachFor: "2 minutes" is not a duration',
    ],
  ])('refuses %j, naming the key', (settings, message) => {
    expect(() => read(settings)).toThrow(message);
  });

  it('defaults the ingester tables to the events table’s database, and checks overrides', () => {
    const [events] = withPipeline({
      clickhouseDeadLettersTable: 'ops.dlq',
      entityRef: 'Component:event-pipeline',
    }).pipelines;
    expect(events.clickhouseTables).toEqual({
      events: { database: 'analytics', table: 'events' },
      ingestBatches: { database: 'analytics', table: 'ingest_batches' },
      deadLetters: { database: 'ops', table: 'dlq' },
    });
    expect(events.entityRef).toBe('component:default/event-pipeline');
    expect(() =>
      withPipeline({ clickhouseIngestBatchesTable: 'ops.batches; DROP' }),
    ).toThrow(
      /pipelines\[0\]\.clickhouseIngestBatchesTable: .*not a plain identifier/,
    );
    expect(() =>
      withPipeline({
        clickhouseTable: undefined,
        clickhouseDeadLettersTable: 'a.b',
      }),
    ).toThrow('clickhouseDeadLettersTable: needs clickhouseTable');
    expect(() => withPipeline({ entityRef: 'not a ref' })).toThrow(
      'pipelines[0].entityRef: "not a ref" is not an entity ref',
    );
  });
});
