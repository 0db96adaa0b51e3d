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
import { toIncident, type StoredIncident } from '../alerting';
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

/** What a pipeline's detail adds to its summary, read once per poll. */
type DetailExtras = {
  escalation?: Awaited<ReturnType<EscalationPort['firstTier']>>;
  openIncidents: StoredIncident[];
};

/** Pipelines evaluated between two yields to the event loop. */
const PIPELINES_PER_SLICE = 10;
const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/**
 * The plugin's one piece of state: after each poll of every collector it rebuilds every
 * pipeline's summary, records the history sample, lets the alerter judge the SLOs and
 * announces the new snapshot. Requests read the last summaries and never wait on Kafka or
 * ClickHouse (history and incidents come from the Backstage database).
 *
 * The answers the page asks for most (the pipeline list, each pipeline's detail) are built
 * and serialised ONCE per poll, with the escalation contacts and open incidents read in the
 * poll too: a request then costs authentication, the permission check and copying a string,
 * not JSON building over thousands of partitions, a database query or an ownership lookup.
 */
export class PipelineHealthService {
  private readonly pipelines: Map<string, PipelineConfig>;
  private readonly now: () => number;
  private summaries = new Map<string, PipelineSummary>();
  private generatedAt: string;
  private polled = false;
  /** Serialised answers of the current snapshot; undefined until built. */
  private listJson?: string;
  private readonly detailJson = new Map<string, string>();
  private readonly detailExtras = new Map<string, DetailExtras>();
  /** Sorted partition lists, built on first request per snapshot. */
  private readonly partitionAnswers = new Map<
    string,
    ConsumerGroupPartitions
  >();

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
    // Yields between slices: requests keep being answered (from the previous snapshot)
    // while a large configuration is rebuilt.
    const evaluations = await this.rebuildInSlices(now);

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
    // After alerting, so a breach opened in this poll is in the detail it serves.
    await this.refreshDetailExtras();
    this.serialize();
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

  /** Escalation contacts and open incidents of every pipeline; a failure keeps the last. */
  private async refreshDetailExtras(): Promise<void> {
    await Promise.all(
      [...this.pipelines.values()].map(async pipeline => {
        try {
          this.detailExtras.set(pipeline.id, await this.readExtras(pipeline));
        } catch (error) {
          this.options.logger.warn(
            'Could not read the escalation contacts or open incidents of a pipeline',
            { pipelineId: pipeline.id, error: (error as Error).message },
          );
        }
      }),
    );
  }

  private async readExtras(pipeline: PipelineConfig): Promise<DetailExtras> {
    const [escalation, openIncidents] = await Promise.all([
      this.options.escalation.firstTier(pipeline),
      this.options.incidents.openIncidents(pipeline.id),
    ]);
    return { escalation, openIncidents };
  }

  private detail(id: string, extras: DetailExtras): PipelineDetail {
    return {
      ...this.summaries.get(id)!,
      ...(extras.escalation && { escalation: extras.escalation }),
      openIncidents: extras.openIncidents.map(toIncident),
    };
  }

  /** The list and every detail with its extras, as the JSON the routes send. */
  private serialize() {
    this.listJson = JSON.stringify(this.listPipelines());
    this.detailJson.clear();
    for (const [id, extras] of this.detailExtras) {
      if (this.summaries.has(id)) {
        this.detailJson.set(id, JSON.stringify(this.detail(id, extras)));
      }
    }
  }

  private async rebuildInSlices(now: number) {
    const pipelines = [...this.pipelines.values()];
    const evaluations: ReturnType<typeof buildPipelineSummary>[] = [];
    const views = this.kafkaViews();
    for (let i = 0; i < pipelines.length; i += PIPELINES_PER_SLICE) {
      if (i > 0) {
        await yieldToEventLoop();
      }
      evaluations.push(
        ...this.evaluate(
          pipelines.slice(i, i + PIPELINES_PER_SLICE),
          views,
          now,
        ),
      );
    }
    this.publish(evaluations, now);
    return evaluations;
  }

  private rebuild(now: number) {
    const evaluations = this.evaluate(
      [...this.pipelines.values()],
      this.kafkaViews(),
      now,
    );
    this.publish(evaluations, now);
    return evaluations;
  }

  /** Makes a new snapshot the one requests see (all at once: never half old, half new). */
  private publish(
    evaluations: ReturnType<typeof buildPipelineSummary>[],
    now: number,
  ) {
    this.summaries = new Map(evaluations.map(e => [e.summary.id, e.summary]));
    this.generatedAt = new Date(now).toISOString();
    this.partitionAnswers.clear();
    // Until serialize() runs after this poll's alerting, the routes build from the objects.
    this.listJson = undefined;
    this.detailJson.clear();
  }

  private evaluate(
    pipelines: PipelineConfig[],
    views: Map<string, KafkaClusterView>,
    now: number,
  ) {
    return pipelines.map(pipeline =>
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

  /** listPipelines() as JSON, serialised once per poll. */
  listPipelinesJson(): string {
    this.listJson ??= JSON.stringify(this.listPipelines());
    return this.listJson;
  }

  async getPipeline(id: string): Promise<PipelineDetail> {
    return JSON.parse(await this.getPipelineJson(id));
  }

  /**
   * getPipeline() as JSON: after the first poll, from the poll's serialised answer; before
   * it (or for a pipeline whose extras could not be read yet), built on the spot.
   */
  async getPipelineJson(id: string): Promise<string> {
    const pipeline = this.pipeline(id);
    const ready = this.detailJson.get(id);
    if (ready !== undefined) {
      return ready;
    }
    const extras =
      this.detailExtras.get(id) ?? (await this.readExtras(pipeline));
    return JSON.stringify(this.detail(id, extras));
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
    const key = `${pipeline.cluster}\u0000${group}`;
    const cached = this.partitionAnswers.get(key);
    if (cached) {
      return cached;
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
    const answer = { cluster: pipeline.cluster, group, partitions };
    // Only a polled group's answer is kept: its rows are final until the next poll.
    if (tracked) {
      this.partitionAnswers.set(key, answer);
    }
    return answer;
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
