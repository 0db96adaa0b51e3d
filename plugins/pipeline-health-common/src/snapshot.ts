/**
 * What the pipeline-health REST API returns: plain JSON shapes, built by the backend from its
 * in-memory snapshot (no request waits on Kafka or ClickHouse) and its history in the
 * Backstage database. Times are ISO 8601 strings, durations milliseconds.
 */
import type { EscalationTier } from '@plinth/plugin-ownership-common';
import type { SloKind, SloResult, SloStatus } from './slo';
import type {
  ConsumerGroupLag,
  LagSummary,
  PartitionLag,
  SourceState,
  TopicLag,
} from './types';

/**
 * The overall state of a pipeline: the worst of its SLOs (`no-data` only when every SLO has
 * no data), and `unknown` before the first poll finished.
 */
export type PipelineStatus = SloStatus | 'unknown';

/** Kafka's group states as the broker reports them (kafkajs `describeGroups`). */
export type ConsumerGroupState =
  | 'Stable'
  | 'PreparingRebalance'
  | 'CompletingRebalance'
  | 'Empty'
  | 'Dead'
  | 'Unknown';

/** One tracked consumer group: the lag summary, its state and members. */
export type ConsumerGroupHealth = ConsumerGroupLag & {
  cluster: string;
  /** From the slower group-state poll; undefined until it ran once. */
  state?: ConsumerGroupState;
  members?: number;
  /** Why this group has no numbers (e.g. it does not exist on the cluster). */
  problem?: string;
};

/** The Kafka side of a pipeline. */
export type KafkaPanel = {
  cluster: string;
  source: SourceState;
  /** Sum over the pipeline's groups; undefined before the first successful poll. */
  lag?: LagSummary;
  groups: ConsumerGroupHealth[];
  topics: TopicLag[];
};

/** Ingestion latency (occurred -> row in ClickHouse) over the window, from ingest_batches. */
export type LatencyQuantiles = { p50?: number; p95?: number; p99?: number };

export type DeadLetterReasonCount = { reason: string; count: number };

/** The ClickHouse side of a pipeline, read through the read-only dashboard user. */
export type ClickHouseMetrics = {
  /** The window the rates and quantiles were computed over. */
  window: { from: string; to: string };
  ingestionLatencyMs: LatencyQuantiles;
  eventsPerSecond: number;
  eventsInWindow: number;
  /** now minus the newest event's ingestion time; undefined when the table is empty. */
  freshnessMs?: number;
  deadLettersPerMinute: number;
  deadLettersInWindow: number;
  deadLettersByReason: DeadLetterReasonCount[];
  /** Of the events table (active parts). */
  rows: number;
  bytesOnDisk: number;
  /** The largest number of active parts in one partition of the events table. */
  maxActivePartsPerPartition: number;
  /** Against ClickHouse's defaults: 300 (delay inserts), 1,000 (warn), 3,000 (reject). */
  partsStatus: 'ok' | 'delaying-inserts' | 'warning' | 'rejecting-inserts';
  /** Analytics (SELECT) query latency from system.query_log; undefined without queries. */
  queryLatencyMs: { p50?: number; p99?: number; queries: number };
  /** The server's query_log flush interval: the query latency lags by up to this. */
  queryLogFlushIntervalMs: number;
};

export type ClickHousePanel = {
  /** `database.table` of the events table. */
  table: string;
  source: SourceState;
  /** The last successful reading, kept while the source is unavailable. */
  metrics?: ClickHouseMetrics;
};

/** First escalation tier of the owner: who is paged on a breach. */
export type PipelineEscalation = {
  policyRef: string;
  tier: EscalationTier;
};

/** One card on the Pipelines page. */
export type PipelineSummary = {
  id: string;
  title: string;
  /** Entity ref of the owning group or user. */
  owner: string;
  /** The catalog entity the pipeline belongs to, when configured. */
  entityRef?: string;
  status: PipelineStatus;
  slos: SloResult[];
  kafka?: KafkaPanel;
  clickhouse?: ClickHousePanel;
  /** When the snapshot behind this summary was taken. */
  updatedAt?: string;
};

export type PipelineDetail = PipelineSummary & {
  /** Undefined when the owner has no escalation policy (the page says so). */
  escalation?: PipelineEscalation;
  /** Open incidents (SLOs in breach), newest first. */
  openIncidents: Incident[];
};

export type PipelineList = {
  pipelines: PipelineSummary[];
  pollIntervalMs: number;
  generatedAt: string;
};

/** Every partition of one group on one pipeline: loaded when a table row is expanded. */
export type ConsumerGroupPartitions = {
  cluster: string;
  group: string;
  partitions: PartitionLag[];
};

export const HISTORY_RANGES = ['1h', '6h', '24h'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/** One point of a pipeline's history; a missing value was not measured then. */
export type HistoryPoint = {
  at: string;
  lagMessages?: number;
  lagSeconds?: number;
  ingestionP50Ms?: number;
  ingestionP99Ms?: number;
  queryP99Ms?: number;
  eventsPerSecond?: number;
  freshnessMs?: number;
  deadLettersPerMinute?: number;
};

export type PipelineHistory = {
  pipelineId: string;
  range: HistoryRange;
  /** Spacing of the points: the poll interval for recent data, coarser beyond. */
  resolutionMs: number;
  points: HistoryPoint[];
};

/** A breach of one SLO, from the moment it was confirmed until it recovered. */
export type Incident = {
  id: string;
  pipelineId: string;
  slo: SloKind;
  /** When the SLO first measured a breach. */
  startedAt: string;
  /** When it had stayed in breach for the configured time and the owner was notified. */
  notifiedAt?: string;
  resolvedAt?: string;
  /** The worst value measured during the incident, in the SLO's unit. */
  worstValue?: number;
  target: number;
  /** Who was notified: the owner and the escalation tier named in the notification. */
  notified?: { recipients: string; tier?: string };
};

export type IncidentList = { incidents: Incident[] };

/** Pipeline health for a catalog entity, from its annotations. */
export type EntityPipelineHealth = {
  entityRef: string;
  /** Problems with the annotations, each a sentence naming the annotation and the fix. */
  problems: string[];
  consumerGroups: ConsumerGroupHealth[];
  clickhouse?: ClickHousePanel;
  /** Configured pipelines that name this entity. */
  pipelineIds: string[];
};
