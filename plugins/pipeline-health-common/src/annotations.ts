import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The community Kafka plugin's annotation, so existing catalogs work unchanged. */
export const KAFKA_CONSUMER_GROUPS_ANNOTATION =
  'kafka.apache.org/consumer-groups';
/** The ClickHouse table a component writes or serves, as `database.table`. */
export const CLICKHOUSE_TABLE_ANNOTATION = 'plinth.dev/clickhouse-table';

/**
 * A cluster name as configured under `pipelineHealth.clusters` and a consumer group id.
 * Group ids are held to Kafka's legal topic characters: Kafka itself allows more, but these
 * names reach logs, URLs and the page, and every real catalog we know stays inside them.
 */
export const KAFKA_CLUSTER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const KAFKA_GROUP_ID_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * A ClickHouse database or table name. Strict because it ends up in SQL as an identifier
 * (values are never interpolated; identifiers cannot be bound as parameters).
 */
export const CLICKHOUSE_IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export type ConsumerGroupRef = { cluster: string; group: string };
export type ClickHouseTableRef = { database: string; table: string };

const CONSUMER_GROUPS_FORMAT =
  'a comma-separated list of cluster/group, e.g. "local/ingester, local/analytics"';
const CLICKHOUSE_TABLE_FORMAT =
  'database.table, each part a letter or _ followed by up to 63 letters, digits or _, e.g. "analytics.events"';

/** Quotes a user-supplied string so hostile characters are visible in the message. */
const quote = (value: string) => JSON.stringify(value);

/**
 * Checks one `cluster/group` item. Returns what is wrong with it, or the parsed ref; shared
 * by the annotation and the config reader so both accept exactly the same names.
 */
export function checkConsumerGroupRef(
  item: string,
): ConsumerGroupRef | { problem: string } {
  const parts = item.split('/');
  if (parts.length !== 2) {
    return {
      problem: `${quote(item)} has ${
        parts.length - 1
      } "/" (expected one, between cluster and group)`,
    };
  }
  const [cluster, group] = parts;
  if (!KAFKA_CLUSTER_NAME_PATTERN.test(cluster)) {
    return {
      problem: `cluster ${quote(cluster)} in ${quote(
        item,
      )} is not a cluster name (letters, digits, ".", "_", "-"; at most 63)`,
    };
  }
  if (!KAFKA_GROUP_ID_PATTERN.test(group)) {
    return {
      problem: `group ${quote(group)} in ${quote(
        item,
      )} is not a consumer group id (letters, digits, ".", "_", "-"; at most 249)`,
    };
  }
  return { cluster, group };
}

/** Checks a `database.table` value. */
export function checkClickHouseTableRef(
  value: string,
): ClickHouseTableRef | { problem: string } {
  const parts = value.split('.');
  if (parts.length !== 2) {
    return {
      problem: `${quote(value)} has ${
        parts.length - 1
      } "." (expected one, between database and table)`,
    };
  }
  const [database, table] = parts;
  for (const [role, part] of [
    ['database', database],
    ['table', table],
  ] as const) {
    if (!CLICKHOUSE_IDENTIFIER_PATTERN.test(part)) {
      return {
        problem: `${role} ${quote(part)} in ${quote(
          value,
        )} is not a plain identifier`,
      };
    }
  }
  return { database, table };
}

function annotationError(
  entity: Entity,
  annotation: string,
  problem: string,
  format: string,
): InputError {
  return new InputError(
    `Entity ${stringifyEntityRef(
      entity,
    )} has an invalid annotation ${annotation}: ${problem}; expected ${format}`,
  );
}

/**
 * The consumer groups an entity names in `kafka.apache.org/consumer-groups`, without
 * duplicates, in the order written; undefined when the annotation is absent. Whitespace
 * around items is ignored; anything malformed throws an InputError naming the entity, the
 * annotation and the bad item.
 */
export function parseConsumerGroupsAnnotation(
  entity: Entity,
): ConsumerGroupRef[] | undefined {
  const raw = entity.metadata.annotations?.[KAFKA_CONSUMER_GROUPS_ANNOTATION];
  if (raw === undefined) {
    return undefined;
  }
  const fail = (problem: string) =>
    annotationError(
      entity,
      KAFKA_CONSUMER_GROUPS_ANNOTATION,
      problem,
      CONSUMER_GROUPS_FORMAT,
    );
  if (raw.trim() === '') {
    throw fail('the value is empty');
  }
  const refs: ConsumerGroupRef[] = [];
  const seen = new Set<string>();
  raw.split(',').forEach((rawItem, index) => {
    const item = rawItem.trim();
    if (item === '') {
      throw fail(`item ${index + 1} is empty`);
    }
    const checked = checkConsumerGroupRef(item);
    if ('problem' in checked) {
      throw fail(checked.problem);
    }
    const key = `${checked.cluster}/${checked.group}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push(checked);
    }
  });
  return refs;
}

/**
 * The table an entity names in `plinth.dev/clickhouse-table`; undefined when absent.
 * Surrounding whitespace is ignored, nothing else: each part must be a plain identifier.
 */
export function parseClickHouseTableAnnotation(
  entity: Entity,
): ClickHouseTableRef | undefined {
  const raw = entity.metadata.annotations?.[CLICKHOUSE_TABLE_ANNOTATION];
  if (raw === undefined) {
    return undefined;
  }
  const checked = checkClickHouseTableRef(raw.trim());
  if ('problem' in checked) {
    throw annotationError(
      entity,
      CLICKHOUSE_TABLE_ANNOTATION,
      raw.trim() === '' ? 'the value is empty' : checked.problem,
      CLICKHOUSE_TABLE_FORMAT,
    );
  }
  return checked;
}
