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
  clusters: KafkaClusterConfig[];
  pipelines: PipelineConfig[];
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
  /** Every SLO's objective in its kind's unit: configured, else the PRD default. */
  slo: Record<SloKind, number>;
};

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** Below this a poll cycle of a large cluster cannot finish before the next begins. */
export const MIN_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_KAFKA_CLIENT_ID = 'plinth-pipeline-health';

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
  'slo',
];

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const DURATION_UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};
/** The object form Backstage uses elsewhere (HumanDuration), limited to useful units. */
const DURATION_OBJECT_UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
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
    slo: readSlo(pipeline.slo, `${key}.slo`),
  };
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
  return { pollIntervalMs, clusters, pipelines };
}
