import {
  evaluateSlo,
  SLO_KINDS,
  type ClickHousePanel,
  type ConsumerGroupHealth,
  type HistoryPoint,
  type KafkaPanel,
  type PipelineStatus,
  type PipelineSummary,
  type SloKind,
  type SloResult,
  type SloWindow,
  type TopicLag,
} from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';
import { sumLagSummaries } from './sumLag';
import type { KafkaClusterView } from './types';

/** A tracked group the collector has not reported yet (first poll still running). */
function pendingGroup(cluster: string, group: string): ConsumerGroupHealth {
  return {
    cluster,
    group,
    topics: [],
    offsetLag: 0,
    status: 'OK',
    statusCounts: { OK: 0, WARNING: 0, STALLED: 0, STOPPED: 0, ERROR: 0 },
    partitionCount: 0,
    problem: 'not polled yet: the first poll of this group is still running',
  };
}

/** The pipeline's groups and topics out of the cluster's snapshot. */
export function kafkaPanel(
  pipeline: PipelineConfig,
  view: KafkaClusterView,
): KafkaPanel {
  const groups = pipeline.consumerGroups.map(
    group =>
      view.groups.get(group)?.health ?? pendingGroup(view.cluster, group),
  );
  const topicNames = new Set([
    ...pipeline.topics,
    ...groups.flatMap(g => g.topics),
  ]);
  const topics = [...topicNames]
    .map(name => view.topics.get(name))
    .filter((t): t is TopicLag => t !== undefined);
  const polled = groups.filter(g => g.problem === undefined);
  return {
    cluster: view.cluster,
    source: view.source,
    lag: view.polledAt ? sumLagSummaries(polled) : undefined,
    groups,
    topics,
  };
}

type Measurements = Record<SloKind, { value?: number; window: SloWindow }>;

/**
 * The value each SLO is judged on, with its window. A source that is unavailable gives no
 * data: its last numbers are still shown, but an SLO judged on stale numbers would claim a
 * breach (or health) nobody measured.
 */
function measure(
  kafka: KafkaPanel | undefined,
  kafkaPolledAt: string | undefined,
  clickhouse: ClickHousePanel | undefined,
  now: number,
  queryLogWindowMs: number,
): Measurements {
  const nowIso = new Date(now).toISOString();
  const instant = (at: string | undefined) => ({
    from: at ?? nowIso,
    to: at ?? nowIso,
  });
  const chUsable =
    clickhouse?.source.state !== 'unavailable'
      ? clickhouse?.metrics
      : undefined;
  const kafkaUsable =
    kafka && kafka.source.state !== 'unavailable' ? kafka.lag : undefined;
  const window = chUsable?.window ?? instant(undefined);
  const dead = chUsable?.deadLettersInWindow ?? 0;
  const handled = (chUsable?.eventsInWindow ?? 0) + dead;
  return {
    ingestionP99: { value: chUsable?.ingestionLatencyMs.p99, window },
    queryP99: {
      value: chUsable?.queryLatencyMs.p99,
      window: chUsable
        ? {
            from: new Date(
              Date.parse(chUsable.window.to) - queryLogWindowMs,
            ).toISOString(),
            to: chUsable.window.to,
          }
        : window,
    },
    freshness: {
      value: chUsable?.freshnessMs,
      window: instant(chUsable?.window.to),
    },
    consumerLag: {
      value:
        kafkaUsable?.maxLagSeconds === undefined
          ? undefined
          : kafkaUsable.maxLagSeconds * 1000,
      window: instant(kafkaPolledAt),
    },
    // Of everything the ingester handled in the window, the share it dead-lettered.
    deadLetterRatio: {
      value: chUsable && handled > 0 ? dead / handled : undefined,
      window,
    },
  };
}

/** Which SLOs apply: only those the pipeline has a source for. */
function applicableSlos(pipeline: PipelineConfig): SloKind[] {
  return SLO_KINDS.filter(kind =>
    kind === 'consumerLag'
      ? pipeline.consumerGroups.length > 0
      : pipeline.clickhouseTables !== undefined,
  );
}

/** Worst first: a breach anywhere makes the pipeline in breach. */
export function overallStatus(slos: SloResult[]): PipelineStatus {
  for (const status of ['breach', 'warning', 'ok'] as const) {
    if (slos.some(s => s.status === status)) {
      return status;
    }
  }
  return slos.length > 0 ? 'no-data' : 'unknown';
}

export type PipelineEvaluation = {
  summary: PipelineSummary;
  /** The sample this poll adds to the pipeline's history. */
  point: Omit<HistoryPoint, 'at'>;
};

/**
 * A pipeline's card: its part of the Kafka and ClickHouse snapshots, every SLO evaluated
 * against the configured objective, the overall status; plus the history sample.
 */
export function buildPipelineSummary(options: {
  pipeline: PipelineConfig;
  kafka?: KafkaClusterView;
  clickhouse?: ClickHousePanel;
  now: number;
  queryLogWindowMs: number;
  /** False until the first poll finished: the pipeline is then `unknown`, not `no-data`. */
  polled: boolean;
}): PipelineEvaluation {
  const { pipeline, now } = options;
  const kafka = options.kafka ? kafkaPanel(pipeline, options.kafka) : undefined;
  const clickhouse = options.clickhouse;
  const measured = measure(
    kafka,
    options.kafka?.polledAt,
    clickhouse,
    now,
    options.queryLogWindowMs,
  );
  const slos = applicableSlos(pipeline).map(kind =>
    evaluateSlo({
      kind,
      value: measured[kind].value,
      window: measured[kind].window,
      target: pipeline.slo[kind],
    }),
  );
  const updated = [options.kafka?.polledAt, clickhouse?.metrics?.window.to]
    .filter((t): t is string => t !== undefined)
    .sort();
  const metrics =
    clickhouse?.source.state !== 'unavailable'
      ? clickhouse?.metrics
      : undefined;
  const lag = kafka?.source.state !== 'unavailable' ? kafka?.lag : undefined;
  return {
    summary: {
      id: pipeline.id,
      title: pipeline.title,
      owner: pipeline.owner,
      ...(pipeline.entityRef && { entityRef: pipeline.entityRef }),
      status: options.polled ? overallStatus(slos) : 'unknown',
      slos,
      ...(kafka && { kafka }),
      ...(clickhouse && { clickhouse }),
      ...(updated.length > 0 && { updatedAt: updated[updated.length - 1] }),
    },
    point: {
      lagMessages: lag?.offsetLag,
      lagSeconds: lag?.maxLagSeconds,
      ingestionP50Ms: metrics?.ingestionLatencyMs.p50,
      ingestionP99Ms: metrics?.ingestionLatencyMs.p99,
      queryP99Ms: metrics?.queryLatencyMs.p99,
      eventsPerSecond: metrics?.eventsPerSecond,
      freshnessMs: metrics?.freshnessMs,
      deadLettersPerMinute: metrics?.deadLettersPerMinute,
    },
  };
}
