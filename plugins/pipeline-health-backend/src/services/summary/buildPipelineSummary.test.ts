import type {
  ClickHouseMetrics,
  ClickHousePanel,
  ConsumerGroupHealth,
} from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';
import { buildPipelineSummary, overallStatus } from './buildPipelineSummary';
import type { KafkaClusterView } from './types';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const AT = new Date(NOW).toISOString();

const pipeline: PipelineConfig = {
  id: 'events',
  title: 'Event ingestion',
  owner: 'group:default/data-platform',
  cluster: 'local',
  consumerGroups: ['ingester', 'audit'],
  topics: [],
  clickhouseTable: { database: 'plinth_events', table: 'events' },
  clickhouseTables: {
    events: { database: 'plinth_events', table: 'events' },
    ingestBatches: { database: 'plinth_events', table: 'ingest_batches' },
    deadLetters: { database: 'plinth_events', table: 'dead_letters' },
  },
  slo: {
    ingestionP99: 100,
    queryP99: 1000,
    freshness: 60_000,
    consumerLag: 300_000,
    deadLetterRatio: 0.01,
  },
};

function group(
  name: string,
  offsetLag: number,
  maxLagSeconds?: number,
): ConsumerGroupHealth {
  return {
    cluster: 'local',
    group: name,
    topics: ['events'],
    offsetLag,
    maxLagSeconds,
    status: 'OK',
    statusCounts: { OK: 6, WARNING: 0, STALLED: 0, STOPPED: 0, ERROR: 0 },
    partitionCount: 6,
  };
}

function kafkaView(
  state: 'ok' | 'unavailable',
  groups: ConsumerGroupHealth[],
): KafkaClusterView {
  return {
    cluster: 'local',
    source: { state, lastSuccessAt: AT },
    polledAt: AT,
    groups: new Map(groups.map(g => [g.group, { health: g, partitions: [] }])),
    topics: new Map(),
  };
}

function metrics(
  overrides: Partial<ClickHouseMetrics> = {},
): ClickHouseMetrics {
  return {
    window: { from: new Date(NOW - 300_000).toISOString(), to: AT },
    ingestionLatencyMs: { p50: 20, p95: 60, p99: 90 },
    eventsPerSecond: 100,
    eventsInWindow: 30_000,
    freshnessMs: 1_000,
    deadLettersPerMinute: 0,
    deadLettersInWindow: 0,
    deadLettersByReason: [],
    rows: 1_000_000,
    bytesOnDisk: 50_000_000,
    maxActivePartsPerPartition: 12,
    partsStatus: 'ok',
    queryLatencyMs: { p50: 40, p99: 300, queries: 12 },
    queryLogFlushIntervalMs: 7_500,
    ...overrides,
  };
}

const panel = (
  state: 'ok' | 'unavailable',
  m = metrics(),
): ClickHousePanel => ({
  table: 'plinth_events.events',
  source: { state, lastSuccessAt: AT },
  metrics: m,
});

const statusOf = (
  slos: { objective: string; status: string }[],
  kind: string,
) => slos.find(s => s.objective === kind)?.status;

describe('buildPipelineSummary', () => {
  it('sums the pipeline’s groups and judges every SLO against its objective', () => {
    const { summary, point } = buildPipelineSummary({
      pipeline,
      kafka: kafkaView('ok', [
        group('ingester', 120, 4),
        group('audit', 30, 9),
      ]),
      clickhouse: panel('ok', metrics({ ingestionLatencyMs: { p99: 142 } })),
      now: NOW,
      queryLogWindowMs: 900_000,
      polled: true,
    });
    expect(summary.kafka?.lag).toMatchObject({
      offsetLag: 150,
      maxLagSeconds: 9,
      partitionCount: 12,
    });
    expect(statusOf(summary.slos, 'ingestionP99')).toBe('breach');
    expect(statusOf(summary.slos, 'consumerLag')).toBe('ok');
    expect(summary.status).toBe('breach');
    expect(point).toMatchObject({
      lagMessages: 150,
      lagSeconds: 9,
      ingestionP99Ms: 142,
      eventsPerSecond: 100,
    });
  });

  it('judges dead letters as a share of everything the ingester handled', () => {
    const { summary } = buildPipelineSummary({
      pipeline,
      clickhouse: panel(
        'ok',
        metrics({ eventsInWindow: 980, deadLettersInWindow: 20 }),
      ),
      now: NOW,
      queryLogWindowMs: 900_000,
      polled: true,
    });
    const slo = summary.slos.find(s => s.objective === 'deadLetterRatio');
    expect(slo?.value).toBeCloseTo(0.02);
    expect(slo?.status).toBe('breach');
  });

  it('keeps an unavailable source’s last numbers on the card but judges its SLOs as no data', () => {
    const { summary, point } = buildPipelineSummary({
      pipeline,
      kafka: kafkaView('ok', [group('ingester', 5, 1), group('audit', 0, 0)]),
      clickhouse: panel(
        'unavailable',
        metrics({ ingestionLatencyMs: { p99: 500 } }),
      ),
      now: NOW,
      queryLogWindowMs: 900_000,
      polled: true,
    });
    expect(summary.clickhouse?.metrics?.ingestionLatencyMs.p99).toBe(500);
    expect(statusOf(summary.slos, 'ingestionP99')).toBe('no-data');
    expect(statusOf(summary.slos, 'consumerLag')).toBe('ok');
    expect(summary.status).toBe('ok');
    expect(point.ingestionP99Ms).toBeUndefined();
    expect(point.lagMessages).toBe(5);
  });

  it('reports a group the collector has not polled yet instead of zero lag', () => {
    const { summary } = buildPipelineSummary({
      pipeline,
      kafka: kafkaView('ok', [group('ingester', 7, 2)]),
      now: NOW,
      queryLogWindowMs: 900_000,
      polled: true,
    });
    const audit = summary.kafka?.groups.find(g => g.group === 'audit');
    expect(audit?.problem).toMatch(/not polled yet/);
    expect(summary.kafka?.lag?.offsetLag).toBe(7);
  });

  it('is unknown before the first poll and judges only the SLOs it has a source for', () => {
    const { summary } = buildPipelineSummary({
      polled: false,
      pipeline: {
        ...pipeline,
        clickhouseTable: undefined,
        clickhouseTables: undefined,
      },
      now: NOW,
      queryLogWindowMs: 900_000,
    });
    expect(summary.status).toBe('unknown');
    expect(summary.slos.map(s => s.objective)).toEqual(['consumerLag']);
  });
});

describe('overallStatus', () => {
  const slo = (status: 'ok' | 'warning' | 'breach' | 'no-data') => ({
    objective: 'freshness' as const,
    unit: 'ms' as const,
    target: 1,
    status,
    window: { from: AT, to: AT },
  });
  it('is the worst SLO, and no-data only when nothing was measured', () => {
    expect(overallStatus([slo('ok'), slo('warning'), slo('no-data')])).toBe(
      'warning',
    );
    expect(overallStatus([slo('breach'), slo('warning')])).toBe('breach');
    expect(overallStatus([slo('no-data'), slo('no-data')])).toBe('no-data');
    expect(overallStatus([slo('ok'), slo('no-data')])).toBe('ok');
  });
});
