import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import {
  emptyLagStatusCounts,
  evaluateSlo,
  type ClickHousePanel,
  type ConsumerGroupHealth,
  type ConsumerGroupPartitions,
  type EntityPipelineHealth,
  type HistoryPoint,
  type HistoryRange,
  type Incident,
  type IncidentList,
  type KafkaPanel,
  type PartitionLag,
  type PipelineDetail,
  type PipelineHealthApi,
  type PipelineHealthSignal,
  type PipelineHistory,
  type PipelineList,
  type PipelineSummary,
  type SloKind,
} from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthApiRef } from '../api';
import { rootRouteRef } from '../routes';

export const NOW = '2026-11-30T12:00:00.000Z';
const window = { from: '2026-11-30T11:55:00.000Z', to: NOW };

const slo = (kind: SloKind, value: number | undefined) =>
  evaluateSlo({ kind, value, window });

export const ingesterGroup: ConsumerGroupHealth = {
  cluster: 'local',
  group: 'ingester',
  topics: ['events'],
  state: 'Stable',
  members: 2,
  offsetLag: 1_250,
  maxLagSeconds: 4.2,
  status: 'WARNING',
  statusCounts: { ...emptyLagStatusCounts(), OK: 10, WARNING: 2 },
  partitionCount: 12,
};

export const kafkaOk: KafkaPanel = {
  cluster: 'local',
  source: { state: 'ok', lastSuccessAt: NOW },
  lag: {
    offsetLag: 1_250,
    maxLagSeconds: 4.2,
    status: 'WARNING',
    statusCounts: { ...emptyLagStatusCounts(), OK: 10, WARNING: 2 },
    partitionCount: 12,
  },
  groups: [ingesterGroup],
  topics: [],
};

export const kafkaUnavailable: KafkaPanel = {
  cluster: 'local',
  source: {
    state: 'unavailable',
    lastSuccessAt: '2026-11-30T11:50:00.000Z',
    error: 'Connection refused: localhost:19092',
  },
  groups: [],
  topics: [],
};

export const clickhouseOk: ClickHousePanel = {
  table: 'analytics.events',
  source: { state: 'ok', lastSuccessAt: NOW },
  metrics: {
    window,
    ingestionLatencyMs: { p50: 21, p95: 48, p99: 62 },
    eventsPerSecond: 812.4,
    eventsInWindow: 243_720,
    freshnessMs: 1_800,
    deadLettersPerMinute: 0.6,
    deadLettersInWindow: 3,
    deadLettersByReason: [{ reason: 'schema-mismatch', count: 3 }],
    rows: 48_200_000,
    bytesOnDisk: 1_500_000_000,
    maxActivePartsPerPartition: 42,
    partsStatus: 'ok',
    queryLatencyMs: { p50: 120, p99: 640, queries: 310 },
    queryLogFlushIntervalMs: 7_500,
  },
};

export const eventsPipeline: PipelineSummary = {
  id: 'events',
  title: 'Event ingestion',
  owner: 'group:default/data-platform',
  entityRef: 'component:default/event-pipeline',
  status: 'warning',
  slos: [
    slo('ingestionP99', 62),
    slo('queryP99', 640),
    slo('freshness', 1_800),
    slo('consumerLag', 4_200),
    slo('deadLetterRatio', 3 / 243_720),
  ],
  kafka: kafkaOk,
  clickhouse: clickhouseOk,
  updatedAt: NOW,
};

/** Kafka down, ClickHouse still measured: the card must show both. */
export const degradedPipeline: PipelineSummary = {
  id: 'clicks',
  title: 'Click stream',
  owner: 'group:default/web',
  status: 'ok',
  slos: [
    slo('ingestionP99', 40),
    slo('queryP99', 300),
    slo('freshness', 2_000),
    slo('consumerLag', undefined),
    slo('deadLetterRatio', 0),
  ],
  kafka: kafkaUnavailable,
  clickhouse: clickhouseOk,
  updatedAt: NOW,
};

export const breachedPipeline: PipelineSummary = {
  id: 'orders',
  title: 'Orders',
  owner: 'group:default/payments',
  entityRef: 'component:default/orders-ingester',
  status: 'breach',
  slos: [
    slo('ingestionP99', 250),
    slo('queryP99', 400),
    slo('freshness', 3_000),
    slo('consumerLag', 12_000),
    slo('deadLetterRatio', 0.001),
  ],
  kafka: kafkaOk,
  clickhouse: clickhouseOk,
  updatedAt: NOW,
};

export const openIncident: Incident = {
  id: 'inc-2',
  pipelineId: 'orders',
  slo: 'ingestionP99',
  startedAt: '2026-11-30T11:40:00.000Z',
  notifiedAt: '2026-11-30T11:42:00.000Z',
  worstValue: 310,
  target: 100,
  notified: { recipients: 'group:default/payments', tier: 'Payments on-call' },
};

export const resolvedIncident: Incident = {
  id: 'inc-1',
  pipelineId: 'orders',
  slo: 'freshness',
  startedAt: '2026-11-30T09:00:00.000Z',
  notifiedAt: '2026-11-30T09:02:00.000Z',
  resolvedAt: '2026-11-30T09:20:00.000Z',
  worstValue: 95_000,
  target: 60_000,
  notified: { recipients: 'group:default/payments' },
};

export const breachedDetail: PipelineDetail = {
  ...breachedPipeline,
  escalation: {
    policyRef: 'escalationpolicy:default/payments-oncall',
    tier: {
      level: 1,
      name: 'Payments on-call',
      contacts: [
        {
          name: 'Payments pager',
          email: 'payments-oncall@example.com',
          phone: '+49 30 555 0101',
        },
      ],
      hours: { type: '24x7' },
      responseMinutes: { 'tier-1': 15 },
    },
  },
  openIncidents: [openIncident],
};

export const degradedDetail: PipelineDetail = {
  ...degradedPipeline,
  openIncidents: [],
};

/** `count` partitions of topic `events`: lag grows with the partition number, every fifth is OK. */
export function partitionsOf(count: number): PartitionLag[] {
  return Array.from({ length: count }, (_, partition) => {
    const ok = partition % 5 === 0;
    return {
      topic: 'events',
      partition,
      endOffset: 100_000 + partition,
      committedOffset: ok ? 100_000 + partition : 100_000 - partition * 10,
      offsetLag: ok ? 0 : partition * 10 + partition,
      lagSeconds: ok ? 0 : partition / 10,
      lagSecondsMethod: ok ? 'caught-up' : 'interpolated',
      status: ok ? 'OK' : 'WARNING',
    };
  });
}

/** Points one minute apart ending at NOW; lag rises to 600 messages, events/s holds at 800. */
export function historyPoints(count: number): HistoryPoint[] {
  const end = Date.parse(NOW);
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(end - (count - 1 - i) * 60_000).toISOString(),
    lagMessages: i * 100,
    lagSeconds: i,
    ingestionP50Ms: 20,
    ingestionP99Ms: 60 + i,
    eventsPerSecond: 800,
  }));
}

/** A typed, in-memory PipelineHealthApi; override any method per test. */
export class FakePipelineHealthApi implements PipelineHealthApi {
  listPipelines = jest.fn(
    async (): Promise<PipelineList> => ({
      pipelines: [eventsPipeline, degradedPipeline, breachedPipeline],
      pollIntervalMs: 5_000,
      generatedAt: NOW,
    }),
  );

  getPipeline = jest.fn(
    async (id: string): Promise<PipelineDetail> =>
      id === 'clicks' ? degradedDetail : breachedDetail,
  );

  getGroupPartitions = jest.fn(
    async (_id: string, group: string): Promise<ConsumerGroupPartitions> => ({
      cluster: 'local',
      group,
      partitions: partitionsOf(12),
    }),
  );

  getHistory = jest.fn(
    async (id: string, range: HistoryRange): Promise<PipelineHistory> => ({
      pipelineId: id,
      range,
      resolutionMs: 60_000,
      points: historyPoints(7),
    }),
  );

  getIncidents = jest.fn(
    async (): Promise<IncidentList> => ({
      incidents: [openIncident, resolvedIncident],
    }),
  );

  getEntityHealth = jest.fn(
    async (entityRef: string): Promise<EntityPipelineHealth> => ({
      entityRef,
      problems: [],
      consumerGroups: [ingesterGroup],
      clickhouse: clickhouseOk,
      pipelineIds: ['events'],
    }),
  );
}

export function testAppOptions(api: PipelineHealthApi) {
  return {
    apis: [[pipelineHealthApiRef, api]] as const,
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/pipelines': rootRouteRef,
    },
  };
}

type SignalListener = Parameters<SignalApi['subscribe']>[1];

/**
 * An in-memory signal API: what the app's signals plugin provides, without the websocket.
 * `publish` delivers a message to the channel's subscribers as the backend's signal would.
 */
export class FakeSignalApi implements SignalApi {
  private readonly listeners = new Map<string, Set<SignalListener>>();

  subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const set = this.listeners.get(channel) ?? new Set<SignalListener>();
    set.add(onMessage as SignalListener);
    this.listeners.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage as SignalListener) };
  };

  publish(channel: string, message: PipelineHealthSignal) {
    for (const listener of this.listeners.get(channel) ?? []) {
      listener(message);
    }
  }
}

export function testAppOptionsWithSignals(
  api: PipelineHealthApi,
  signals: SignalApi,
) {
  return {
    ...testAppOptions(api),
    apis: [
      [pipelineHealthApiRef, api],
      [signalApiRef, signals],
    ] as const,
  };
}
