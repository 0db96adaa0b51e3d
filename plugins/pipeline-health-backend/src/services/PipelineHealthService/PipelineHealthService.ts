import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  type ConsumerGroupPartitions,
  type EntityPipelineHealth,
  type HistoryRange,
  type IncidentList,
  type PipelineDetail,
  type PipelineHistory,
  type PipelineList,
  type PipelineSummary,
} from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig, PipelineHealthConfig } from '../../config';
import { toIncident } from '../alerting';
import { HISTORY_RANGE_MS } from '../history';
import {
  trackedTablesForAnnotation,
  trackedTablesFromConfig,
  type TrackedClickHouseTables,
} from '../clickhouse';
import {
  annotatedSources,
  buildPipelineSummary,
  entityHealth,
  type KafkaClusterView,
} from '../summary';
import type {
  AlertingPort,
  ClickHouseCollectorPort,
  EscalationPort,
  HistoryPort,
  HistorySample,
  IncidentReaderPort,
  KafkaCollectorPort,
} from './ports';

const tableName = (t: { database: string; table: string }) =>
  `${t.database}.${t.table}`;

export type PipelineHealthServiceOptions = {
  config: PipelineHealthConfig;
  logger: LoggerService;
  kafka: ReadonlyMap<string, KafkaCollectorPort>;
  clickhouse?: ClickHouseCollectorPort;
  history: HistoryPort;
  alerting: AlertingPort;
  incidents: IncidentReaderPort;
  escalation: EscalationPort;
  /** Called after every poll, e.g. to push a signal to open pages. */
  onSnapshot?: (generatedAt: string) => Promise<void>;
  now?: () => number;
};

/**
 * The plugin's one piece of state: after each poll of every collector it rebuilds every
 * pipeline's summary, records the history sample, lets the alerter judge the SLOs and
 * announces the new snapshot. Requests read the last summaries and never wait on Kafka or
 * ClickHouse (history and incidents come from the Backstage database).
 */
export class PipelineHealthService {
  private readonly pipelines: Map<string, PipelineConfig>;
  private readonly now: () => number;
  private summaries = new Map<string, PipelineSummary>();
  private generatedAt: string;
  private polled = false;

  constructor(private readonly options: PipelineHealthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.pipelines = new Map(options.config.pipelines.map(p => [p.id, p]));
    this.generatedAt = new Date(this.now()).toISOString();
    this.trackSources([]);
    this.rebuild(this.now());
  }

  /**
   * What the collectors poll: the configured pipelines' groups and tables plus those named
   * by catalog annotations (the caller passes the annotated entities it found).
   */
  trackSources(entities: Entity[]): void {
    const groups = new Map<string, Set<string>>();
    const add = (cluster: string, group: string) => {
      if (!groups.has(cluster)) {
        groups.set(cluster, new Set());
      }
      groups.get(cluster)!.add(group);
    };
    const extraTopics = new Map<string, Map<string, string[]>>();
    for (const pipeline of this.pipelines.values()) {
      if (!pipeline.cluster) {
        continue;
      }
      const topics = extraTopics.get(pipeline.cluster) ?? new Map();
      extraTopics.set(pipeline.cluster, topics);
      for (const group of pipeline.consumerGroups) {
        add(pipeline.cluster, group);
        topics.set(group, [...(topics.get(group) ?? []), ...pipeline.topics]);
      }
    }
    const tables = new Map<string, TrackedClickHouseTables>(
      trackedTablesFromConfig(this.options.config).map(t => [
        tableName(t.events),
        t,
      ]),
    );
    for (const entity of entities) {
      const sources = annotatedSources(entity);
      sources.groups.forEach(({ cluster, group }) => add(cluster, group));
      if (sources.table && !tables.has(tableName(sources.table))) {
        tables.set(
          tableName(sources.table),
          trackedTablesForAnnotation(sources.table, stringifyEntityRef(entity)),
        );
      }
    }
    for (const [cluster, collector] of this.options.kafka) {
      collector.setTrackedGroups(
        [...(groups.get(cluster) ?? [])].sort(),
        extraTopics.get(cluster),
      );
    }
    this.options.clickhouse?.setTrackedTables([...tables.values()]);
  }

  /** One poll of every source, then summaries, history, alerting and the signal. */
  async poll(): Promise<void> {
    const { kafka, clickhouse, logger } = this.options;
    await Promise.all([
      ...[...kafka.values()].map(c => c.poll()),
      clickhouse?.poll(),
    ]);
    const now = this.now();
    this.polled = true;
    const evaluations = this.rebuild(now);

    const samples: HistorySample[] = evaluations.map(e => ({
      pipelineId: e.summary.id,
      at: now,
      point: e.point,
    }));
    // The snapshot is already served; history and alerting failing (database down) is
    // logged and retried next poll, never a reason to stop polling.
    try {
      await this.options.history.record(samples);
    } catch (error) {
      logger.warn('Could not record pipeline health history', {
        error: (error as Error).message,
      });
    }
    for (const { summary } of evaluations) {
      try {
        await this.options.alerting.evaluate(
          this.pipelines.get(summary.id)!,
          summary.slos,
          now,
        );
      } catch (error) {
        logger.warn('Could not evaluate pipeline alerts', {
          pipelineId: summary.id,
          error: (error as Error).message,
        });
      }
    }
    try {
      await this.options.onSnapshot?.(this.generatedAt);
    } catch (error) {
      logger.warn('Could not announce the pipeline health snapshot', {
        error: (error as Error).message,
      });
    }
  }

  private kafkaViews(): Map<string, KafkaClusterView> {
    return new Map(
      [...this.options.kafka].map(([name, c]) => [name, c.snapshot()]),
    );
  }

  private rebuild(now: number) {
    const views = this.kafkaViews();
    const evaluations = [...this.pipelines.values()].map(pipeline =>
      buildPipelineSummary({
        pipeline,
        kafka: pipeline.cluster ? views.get(pipeline.cluster) : undefined,
        clickhouse: pipeline.clickhouseTables
          ? this.options.clickhouse?.snapshot(
              tableName(pipeline.clickhouseTables.events),
            ) ?? {
              table: tableName(pipeline.clickhouseTables.events),
              source: {
                state: 'unavailable',
                error:
                  'no ClickHouse is configured: set pipelineHealth.clickhouse',
              },
            }
          : undefined,
        now,
        queryLogWindowMs: this.options.config.clickhouse?.queryLogWindowMs ?? 0,
        polled: this.polled,
      }),
    );
    this.summaries = new Map(evaluations.map(e => [e.summary.id, e.summary]));
    this.generatedAt = new Date(now).toISOString();
    return evaluations;
  }

  private pipeline(id: string): PipelineConfig {
    const pipeline = this.pipelines.get(id);
    if (!pipeline) {
      throw new NotFoundError(
        `No pipeline "${id}" is configured; the pipelines are ${
          [...this.pipelines.keys()].map(p => `"${p}"`).join(', ') || 'none'
        }`,
      );
    }
    return pipeline;
  }

  listPipelines(): PipelineList {
    return {
      pipelines: [...this.summaries.values()],
      pollIntervalMs: this.options.config.pollIntervalMs,
      generatedAt: this.generatedAt,
    };
  }

  async getPipeline(id: string): Promise<PipelineDetail> {
    const pipeline = this.pipeline(id);
    const [escalation, openIncidents] = await Promise.all([
      this.options.escalation.firstTier(pipeline),
      this.options.incidents.openIncidents(id),
    ]);
    return {
      ...this.summaries.get(id)!,
      ...(escalation && { escalation }),
      openIncidents: openIncidents.map(toIncident),
    };
  }

  getGroupPartitions(id: string, group: string): ConsumerGroupPartitions {
    const pipeline = this.pipeline(id);
    if (!pipeline.cluster || !pipeline.consumerGroups.includes(group)) {
      throw new NotFoundError(
        `Pipeline "${id}" has no consumer group "${group}"; its groups are ${
          pipeline.consumerGroups.map(g => `"${g}"`).join(', ') || 'none'
        }`,
      );
    }
    const tracked = this.options.kafka
      .get(pipeline.cluster)
      ?.snapshot()
      .groups.get(group);
    const partitions = [...(tracked?.partitions ?? [])].sort(
      (a, b) =>
        b.offsetLag - a.offsetLag ||
        a.topic.localeCompare(b.topic) ||
        a.partition - b.partition,
    );
    return { cluster: pipeline.cluster, group, partitions };
  }

  async getHistory(id: string, range: HistoryRange): Promise<PipelineHistory> {
    this.pipeline(id);
    return this.options.history.getHistory(id, range, this.now());
  }

  async getIncidents(id: string, range: HistoryRange): Promise<IncidentList> {
    this.pipeline(id);
    return {
      incidents: (
        await this.options.incidents.listIncidents(id, {
          since: this.now() - HISTORY_RANGE_MS[range],
        })
      ).map(toIncident),
    };
  }

  getEntityHealth(entity: Entity): EntityPipelineHealth {
    const { clickhouse } = this.options;
    return entityHealth({
      entity,
      config: this.options.config,
      kafka: this.kafkaViews(),
      clickhouse: clickhouse ? table => clickhouse.snapshot(table) : undefined,
    });
  }

  async compactHistory(): Promise<void> {
    await this.options.history.compact(this.now());
  }

  async close(): Promise<void> {
    await Promise.all([
      ...[...this.options.kafka.values()].map(c => c.close()),
      this.options.clickhouse?.close(),
    ]);
  }
}
