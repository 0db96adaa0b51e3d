import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ClickHouseTableRef,
  KAFKA_GROUP_ID_PATTERN,
  SLO_DEFINITIONS,
  SLO_KINDS,
  SloKind,
  checkClickHouseTableRef,
} from '@plinth/plugin-pipeline-health-common';

/** The plugin's settings, parsed once at start-up (keys declared in config.d.ts). */
export type PipelineHealthConfig = {
  pollIntervalMs: number;
  /** Group states and members change rarely: polled on this slower interval. */
  groupStateIntervalMs: number;
  /** Longest a Kafka admin request may take before the cluster counts as degraded. */
  kafkaRequestTimeoutMs: number;
  clusters: KafkaClusterConfig[];
  /** Undefined when no ClickHouse is configured: pipelines then show Kafka only. */
  clickhouse?: ClickHouseConnectionConfig;
  history: HistoryConfig;
  alerting: AlertingConfig;
  pipelines: PipelineConfig[];
};

/** The read-only dashboard user's connection; every query is bounded by queryTimeoutMs. */
export type ClickHouseConnectionConfig = {
  url: string;
  username: string;
  password: string;
  queryTimeoutMs: number;
  /** How far back analytics query latency is read from system.query_log. */
  queryLogWindowMs: number;
  /** The server's query_log flush interval, shown next to query latency (it lags by this). */
  queryLogFlushIntervalMs: number;
};

export type HistoryConfig = {
  /** Samples older than this are deleted. */
  retentionMs: number;
  /** Samples younger than this are kept at poll resolution. */
  fullResolutionMs: number;
  /** Older samples are merged into buckets of this size. */
  downsampledResolutionMs: number;
};

export type AlertingConfig = {
  enabled: boolean;
  /** An SLO must stay in breach this long before the owner is notified. */
  breachForMs: number;
};

/** The tables the pipeline's ingester writes, each checked as a plain identifier pair. */
export type PipelineClickHouseTables = {
  events: ClickHouseTableRef;
  ingestBatches: ClickHouseTableRef;
  deadLetters: ClickHouseTableRef;
};

export type KafkaClusterConfig = {
  name: string;
  brokers: string[];
  clientId: string;
};

export type PipelineConfig = {
  id: string;
  title: string;
  /** Full entity ref of the owning group or user, e.g. `group:default/data-platform`. */
  owner: string;
  /** Name of a configured cluster; undefined when the pipeline tracks no Kafka. */
  cluster?: string;
  consumerGroups: string[];
  topics: string[];
  clickhouseTable?: ClickHouseTableRef;
  /**
   * The events table plus the ingester's ingest_batches and dead_letters tables (by default
   * in the events table's database); undefined when clickhouseTable is not set.
   */
  clickhouseTables?: PipelineClickHouseTables;
  /** The catalog entity the pipeline belongs to (its page links there), e.g. a Component. */
  entityRef?: string;
  /** Every SLO's objective in its kind's unit: configured, else the PRD default. */
  slo: Record<SloKind, number>;
};

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** Below this a poll cycle of a large cluster cannot finish before the next begins. */
export const MIN_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_KAFKA_CLIENT_ID = 'plinth-pipeline-health';
export const DEFAULT_GROUP_STATE_INTERVAL_MS = 30_000;
export const DEFAULT_KAFKA_REQUEST_TIMEOUT_MS = 5_000;
export const DEFAULT_CLICKHOUSE_USERNAME = 'plinth_dashboard';
export const DEFAULT_CLICKHOUSE_QUERY_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_LOG_WINDOW_MS = 15 * 60_000;
/** A stock server's query_log flush_interval_milliseconds. */
export const DEFAULT_QUERY_LOG_FLUSH_INTERVAL_MS = 7_500;
export const DEFAULT_HISTORY: HistoryConfig = {
  retentionMs: 7 * 86_400_000,
  fullResolutionMs: 86_400_000,
  downsampledResolutionMs: 60_000,
};
export const DEFAULT_BREACH_FOR_MS = 2 * 60_000;
/** The ingester's tables, next to the events table unless configured. */
export const DEFAULT_INGEST_BATCHES_TABLE = 'ingest_batches';
export const DEFAULT_DEAD_LETTERS_TABLE = 'dead_letters';

const ROOT = 'pipelineHealth';
const PIPELINE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const OWNER_REF =
  /^(group|user):(?:([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/i;
const BROKER = /^[A-Za-z0-9._-]+:\d{1,5}$/;
const PIPELINE_KEYS = [
  'id',
  'title',
  'owner',
  'cluster',
  'consumerGroups',
  'topics',
  'clickhouseTable',
  'clickhouseIngestBatchesTable',
  'clickhouseDeadLettersTable',
  'entityRef',
  'slo',
];
const ENTITY_REF =
  /^([a-z0-9][a-z0-9-]*):(?:([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/i;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const DURATION_UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
/** The object form Backstage uses elsewhere (HumanDuration), limited to useful units. */
const DURATION_OBJECT_UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

const fail = (key: string, problem: string) =>
  new InputError(`Invalid config at ${key}: ${problem}`);

const show = (value: unknown) => JSON.stringify(value);

/**
 * A duration as `"100ms"`, `"5s"`, `"1.5m"`, `"1h"` or `{ seconds: 5 }`, in milliseconds. A
 * bare number is refused: whether `100` meant ms or s is exactly the mistake to catch.
 */
export function parseDuration(value: unknown, key: string): number {
  if (typeof value === 'number') {
    throw fail(
      key,
      `${value} is a number without a unit; write a duration such as "${value}ms" or "${value}s"`,
    );
  }
  let ms: number | undefined;
  if (typeof value === 'string') {
    const match = DURATION.exec(value.trim());
    if (match) {
      ms = Number(match[1]) * DURATION_UNIT_MS[match[2]];
    }
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (
      entries.length > 0 &&
      entries.every(
        ([unit, amount]) =>
          unit in DURATION_OBJECT_UNIT_MS &&
          typeof amount === 'number' &&
          amount >= 0,
      )
    ) {
      ms = entries.reduce(
        (sum, [unit, amount]) =>
          sum + (amount as number) * DURATION_OBJECT_UNIT_MS[unit],
        0,
      );
    }
  }
  if (ms === undefined) {
    throw fail(
      key,
      `${show(
        value,
      )} is not a duration; write e.g. "100ms", "5s", "2m" or { seconds: 5 }`,
    );
  }
  if (!(ms > 0)) {
    throw fail(key, `${show(value)} must be longer than 0`);
  }
  return ms;
}

/** A fraction below 1 (`0.01`) or a percentage below 100 (`"1%"`). */
export function parseRatio(value: unknown, key: string): number {
  let ratio: number | undefined;
  if (typeof value === 'number') {
    if (value >= 1) {
      throw fail(
        key,
        `${value} is not a fraction below 1; write ${
          value / 100
        } or "${value}%"`,
      );
    }
    ratio = value;
  } else if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(value.trim());
    if (match && Number(match[1]) < 100) {
      ratio = Number(match[1]) / 100;
    }
  }
  if (ratio === undefined) {
    throw fail(
      key,
      `${show(
        value,
      )} is not a ratio; write a fraction below 1 (e.g. 0.01) or a percentage below 100 (e.g. "1%")`,
    );
  }
  if (!(ratio > 0)) {
    throw fail(key, `${show(value)} must be above 0`);
  }
  return ratio;
}

function readSlo(value: unknown, key: string): Record<SloKind, number> {
  const slo = Object.fromEntries(
    SLO_KINDS.map(kind => [kind, SLO_DEFINITIONS[kind].defaultObjective]),
  ) as Record<SloKind, number>;
  if (value === undefined) {
    return slo;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw fail(key, `${show(value)} is not an object of SLO objectives`);
  }
  for (const [name, objective] of Object.entries(value)) {
    const at = `${key}.${name}`;
    if (!(SLO_KINDS as readonly string[]).includes(name)) {
      throw fail(at, `unknown SLO; the SLOs are ${SLO_KINDS.join(', ')}`);
    }
    const kind = name as SloKind;
    slo[kind] =
      SLO_DEFINITIONS[kind].unit === 'ratio'
        ? parseRatio(objective, at)
        : parseDuration(objective, at);
  }
  return slo;
}

function readNames(value: unknown, key: string, what: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw fail(key, `${show(value)} is not a list of ${what}s`);
  }
  value.forEach((name, index) => {
    if (typeof name !== 'string' || !KAFKA_GROUP_ID_PATTERN.test(name)) {
      throw fail(
        `${key}[${index}]`,
        `${show(
          name,
        )} is not a ${what} (letters, digits, ".", "_", "-"; at most 249)`,
      );
    }
  });
  return [...new Set(value as string[])];
}

function readClusters(config: RootConfigService): KafkaClusterConfig[] {
  const clusters = config.getOptionalConfig(`${ROOT}.clusters`);
  return (clusters?.keys() ?? []).map(name => {
    const cluster = clusters!.getConfig(name);
    const key = `${ROOT}.clusters.${name}`;
    const brokers = cluster.getStringArray('brokers');
    if (brokers.length === 0) {
      throw fail(
        `${key}.brokers`,
        'the list is empty; name at least one broker',
      );
    }
    brokers.forEach((broker, index) => {
      if (!BROKER.test(broker)) {
        throw fail(
          `${key}.brokers[${index}]`,
          `${show(broker)} is not host:port, e.g. "localhost:9092"`,
        );
      }
    });
    return {
      name,
      brokers,
      clientId:
        cluster.getOptionalString('clientId') ?? DEFAULT_KAFKA_CLIENT_ID,
    };
  });
}

function readPipeline(
  raw: unknown,
  index: number,
  clusterNames: Set<string>,
): PipelineConfig {
  const key = `${ROOT}.pipelines[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw fail(key, `${show(raw)} is not a pipeline object`);
  }
  const pipeline = raw as Record<string, unknown>;
  for (const name of Object.keys(pipeline)) {
    if (!PIPELINE_KEYS.includes(name)) {
      throw fail(
        `${key}.${name}`,
        `unknown key; a pipeline has ${PIPELINE_KEYS.join(', ')}`,
      );
    }
  }

  const { id } = pipeline;
  if (typeof id !== 'string' || !PIPELINE_ID.test(id)) {
    throw fail(
      `${key}.id`,
      `${show(
        id,
      )} is not a pipeline id (lower-case letters, digits and "-", starting with a letter or digit; at most 63)`,
    );
  }
  const title = pipeline.title ?? id;
  if (typeof title !== 'string' || title.trim() === '') {
    throw fail(`${key}.title`, `${show(title)} is not a title`);
  }
  const owner =
    typeof pipeline.owner === 'string' ? OWNER_REF.exec(pipeline.owner) : null;
  if (!owner) {
    throw fail(
      `${key}.owner`,
      `${show(
        pipeline.owner,
      )} is not an entity ref of a group or user, e.g. "group:default/data-platform"`,
    );
  }

  const consumerGroups = readNames(
    pipeline.consumerGroups,
    `${key}.consumerGroups`,
    'consumer group id',
  );
  const topics = readNames(pipeline.topics, `${key}.topics`, 'topic name');
  const { cluster } = pipeline;
  if (cluster !== undefined) {
    if (typeof cluster !== 'string' || !clusterNames.has(cluster)) {
      throw fail(
        `${key}.cluster`,
        `${show(cluster)} is not a cluster under ${ROOT}.clusters (${
          clusterNames.size ? [...clusterNames].join(', ') : 'none configured'
        })`,
      );
    }
  } else if (consumerGroups.length > 0 || topics.length > 0) {
    throw fail(
      `${key}.cluster`,
      'missing; consumer groups and topics need the cluster they live on',
    );
  }

  let clickhouseTable: ClickHouseTableRef | undefined;
  if (pipeline.clickhouseTable !== undefined) {
    const checked =
      typeof pipeline.clickhouseTable === 'string'
        ? checkClickHouseTableRef(pipeline.clickhouseTable)
        : { problem: `${show(pipeline.clickhouseTable)} is not a string` };
    if ('problem' in checked) {
      throw fail(
        `${key}.clickhouseTable`,
        `${checked.problem}; expected database.table, e.g. "analytics.events"`,
      );
    }
    clickhouseTable = checked;
  }
  const readTable = (name: string, fallback: string): ClickHouseTableRef => {
    const value = pipeline[name];
    if (value === undefined) {
      return { database: clickhouseTable!.database, table: fallback };
    }
    const checked =
      typeof value === 'string'
        ? checkClickHouseTableRef(value)
        : { problem: `${show(value)} is not a string` };
    if ('problem' in checked) {
      throw fail(
        `${key}.${name}`,
        `${checked.problem}; expected database.table, e.g. "analytics.${fallback}"`,
      );
    }
    return checked;
  };
  let clickhouseTables: PipelineClickHouseTables | undefined;
  if (clickhouseTable) {
    clickhouseTables = {
      events: clickhouseTable,
      ingestBatches: readTable(
        'clickhouseIngestBatchesTable',
        DEFAULT_INGEST_BATCHES_TABLE,
      ),
      deadLetters: readTable(
        'clickhouseDeadLettersTable',
        DEFAULT_DEAD_LETTERS_TABLE,
      ),
    };
  } else {
    for (const name of [
      'clickhouseIngestBatchesTable',
      'clickhouseDeadLettersTable',
    ]) {
      if (pipeline[name] !== undefined) {
        throw fail(
          `${key}.${name}`,
          'needs clickhouseTable (the events table) as well',
        );
      }
    }
  }
  let entityRef: string | undefined;
  if (pipeline.entityRef !== undefined) {
    const match =
      typeof pipeline.entityRef === 'string'
        ? ENTITY_REF.exec(pipeline.entityRef)
        : null;
    if (!match) {
      throw fail(
        `${key}.entityRef`,
        `${show(
          pipeline.entityRef,
        )} is not an entity ref, e.g. "component:default/event-pipeline"`,
      );
    }
    entityRef = `${match[1].toLowerCase()}:${(
      match[2] ?? 'default'
    ).toLowerCase()}/${match[3].toLowerCase()}`;
  }

  return {
    id,
    title,
    owner: `${owner[1].toLowerCase()}:${(
      owner[2] ?? 'default'
    ).toLowerCase()}/${owner[3].toLowerCase()}`,
    cluster: cluster as string | undefined,
    consumerGroups,
    topics,
    clickhouseTable,
    clickhouseTables,
    entityRef,
    slo: readSlo(pipeline.slo, `${key}.slo`),
  };
}

function readOptionalDuration(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const value = config.getOptional(key);
  return value === undefined ? fallback : parseDuration(value, key);
}

function readClickHouse(
  config: RootConfigService,
): ClickHouseConnectionConfig | undefined {
  const key = `${ROOT}.clickhouse`;
  const clickhouse = config.getOptionalConfig(key);
  if (!clickhouse) {
    return undefined;
  }
  const url = clickhouse.getString('url');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw fail(
      `${key}.url`,
      `${show(url)} is not an http(s) URL, e.g. "http://localhost:8123"`,
    );
  }
  if (parsed.username || parsed.password) {
    throw fail(
      `${key}.url`,
      'must not carry credentials; set username and password instead',
    );
  }
  return {
    url,
    username:
      clickhouse.getOptionalString('username') ?? DEFAULT_CLICKHOUSE_USERNAME,
    password: clickhouse.getOptionalString('password') ?? '',
    queryTimeoutMs: readOptionalDuration(
      config,
      `${key}.queryTimeout`,
      DEFAULT_CLICKHOUSE_QUERY_TIMEOUT_MS,
    ),
    queryLogWindowMs: readOptionalDuration(
      config,
      `${key}.queryLogWindow`,
      DEFAULT_QUERY_LOG_WINDOW_MS,
    ),
    queryLogFlushIntervalMs: readOptionalDuration(
      config,
      `${key}.queryLogFlushInterval`,
      DEFAULT_QUERY_LOG_FLUSH_INTERVAL_MS,
    ),
  };
}

function readHistory(config: RootConfigService): HistoryConfig {
  const key = `${ROOT}.history`;
  const history = {
    retentionMs: readOptionalDuration(
      config,
      `${key}.retention`,
      DEFAULT_HISTORY.retentionMs,
    ),
    fullResolutionMs: readOptionalDuration(
      config,
      `${key}.fullResolutionFor`,
      DEFAULT_HISTORY.fullResolutionMs,
    ),
    downsampledResolutionMs: readOptionalDuration(
      config,
      `${key}.downsampleTo`,
      DEFAULT_HISTORY.downsampledResolutionMs,
    ),
  };
  if (history.fullResolutionMs > history.retentionMs) {
    throw fail(
      `${key}.fullResolutionFor`,
      'is longer than history.retention; samples would be deleted before they are downsampled',
    );
  }
  return history;
}

/**
 * Reads and checks `pipelineHealth` once, at start-up: every mistake is an InputError that
 * names the exact key, so a bad config stops the backend instead of a wrong page later.
 */
export function readPipelineHealthConfig(
  config: RootConfigService,
): PipelineHealthConfig {
  const pollInterval = config.getOptional(`${ROOT}.pollInterval`);
  const pollIntervalMs =
    pollInterval === undefined
      ? DEFAULT_POLL_INTERVAL_MS
      : parseDuration(pollInterval, `${ROOT}.pollInterval`);
  if (pollIntervalMs < MIN_POLL_INTERVAL_MS) {
    throw fail(
      `${ROOT}.pollInterval`,
      `${show(pollInterval)} is shorter than the minimum of 1s`,
    );
  }

  const clusters = readClusters(config);
  const clusterNames = new Set(clusters.map(c => c.name));
  const rawPipelines = config.getOptional(`${ROOT}.pipelines`) ?? [];
  if (!Array.isArray(rawPipelines)) {
    throw fail(`${ROOT}.pipelines`, 'is not a list of pipelines');
  }
  const pipelines = rawPipelines.map((raw, index) =>
    readPipeline(raw, index, clusterNames),
  );
  const seen = new Map<string, number>();
  pipelines.forEach((pipeline, index) => {
    const earlier = seen.get(pipeline.id);
    if (earlier !== undefined) {
      throw fail(
        `${ROOT}.pipelines[${index}].id`,
        `${show(
          pipeline.id,
        )} is already the id of ${ROOT}.pipelines[${earlier}]`,
      );
    }
    seen.set(pipeline.id, index);
  });
  return {
    pollIntervalMs,
    groupStateIntervalMs: readOptionalDuration(
      config,
      `${ROOT}.groupStateInterval`,
      DEFAULT_GROUP_STATE_INTERVAL_MS,
    ),
    kafkaRequestTimeoutMs: readOptionalDuration(
      config,
      `${ROOT}.kafkaRequestTimeout`,
      DEFAULT_KAFKA_REQUEST_TIMEOUT_MS,
    ),
    clusters,
    clickhouse: readClickHouse(config),
    history: readHistory(config),
    alerting: {
      enabled: config.getOptionalBoolean(`${ROOT}.alerting.enabled`) ?? true,
      breachForMs: readOptionalDuration(
        config,
        `${ROOT}.alerting.breachFor`,
        DEFAULT_BREACH_FOR_MS,
      ),
    },
    pipelines,
  };
}
