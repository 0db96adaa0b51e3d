import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
  parseClickHouseTableAnnotation,
  parseConsumerGroupsAnnotation,
} from './annotations';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ingester', annotations },
  spec: {},
});

const groups = (value: string) =>
  parseConsumerGroupsAnnotation(
    component({ [KAFKA_CONSUMER_GROUPS_ANNOTATION]: value }),
  );
const table = (value: string) =>
  parseClickHouseTableAnnotation(
    component({ [CLICKHOUSE_TABLE_ANNOTATION]: value }),
  );

describe('parseConsumerGroupsAnnotation', () => {
  it('returns undefined when the entity has no such annotation', () => {
    expect(parseConsumerGroupsAnnotation(component({}))).toBeUndefined();
  });

  it('parses the community plugin format, tolerating whitespace and dropping duplicates', () => {
    expect(
      groups(' local/ingester ,local/analytics.v2,  local/ingester '),
    ).toEqual([
      { cluster: 'local', group: 'ingester' },
      { cluster: 'local', group: 'analytics.v2' },
    ]);
  });

  it('names the entity, the annotation, the bad item and the expected format', () => {
    expect(() => groups('local/ingester, a/b/c')).toThrow(
      new InputError(
        'Entity component:default/ingester has an invalid annotation kafka.apache.org/consumer-groups: "a/b/c" has 2 "/" (expected one, between cluster and group); expected a comma-separated list of cluster/group, e.g. "local/ingester, local/analytics"',
      ),
    );
  });

  it.each([
    ['', 'the value is empty'],
    ['   ', 'the value is empty'],
    ['local/ingester,,local/x', 'item 2 is empty'],
    ['local/ingester,', 'item 2 is empty'],
    ['ingester', '"ingester" has 0 "/"'],
    ['/ingester', 'cluster "" in "/ingester" is not a cluster name'],
    ['local/', 'group "" in "local/" is not a consumer group id'],
    ['local/in gester', 'group "in gester" in "local/in gester"'],
    ["local/x';DROP TABLE t", `group "x';DROP TABLE t"`],
    ['local/`x`', 'group "`x`"'],
    ['local/"x"', 'group "\\"x\\""'],
    ['lo;cal/x', 'cluster "lo;cal"'],
    ['local/grüppe', 'group "grüppe"'],
    ['local/a\u202eb', 'group "a\u202eb"'],
    [`local/${'g'.repeat(250)}`, 'at most 249'],
  ])('rejects %j: %s', (value, problem) => {
    expect(() => groups(value)).toThrow(InputError);
    expect(() => groups(value)).toThrow(problem);
  });
});

describe('parseClickHouseTableAnnotation', () => {
  it('returns undefined when the entity has no such annotation', () => {
    expect(parseClickHouseTableAnnotation(component({}))).toBeUndefined();
  });

  it('parses database.table, ignoring surrounding whitespace', () => {
    expect(table(' analytics.events_v2 ')).toEqual({
      database: 'analytics',
      table: 'events_v2',
    });
    expect(table('_db.T1')).toEqual({ database: '_db', table: 'T1' });
    expect(table('analytics.events\n')).toEqual({
      database: 'analytics',
      table: 'events',
    });
  });

  it('names the entity, the annotation, the bad part and the expected format', () => {
    expect(() => table('analytics.events;DROP TABLE x')).toThrow(
      'Entity component:default/ingester has an invalid annotation plinth.dev/clickhouse-table: table "events;DROP TABLE x" in "analytics.events;DROP TABLE x" is not a plain identifier; expected database.table, each part a letter or _ followed by up to 63 letters, digits or _, e.g. "analytics.events"',
    );
  });

  it.each([
    ['', 'the value is empty'],
    ['events', '"events" has 0 "."'],
    ['a.b.c', '"a.b.c" has 2 "."'],
    ['.events', 'database "" in ".events"'],
    ['analytics.', 'table "" in "analytics."'],
    ['1db.events', 'database "1db"'],
    ['analytics.`events`', 'table "`events`"'],
    ['analytics."events"', 'table "\\"events\\""'],
    ["analytics.events'", `table "events'"`],
    ['analytics.ev ents', 'table "ev ents"'],
    ['analytics.événements', 'table "événements"'],
    [`analytics.${'t'.repeat(65)}`, 'is not a plain identifier'],
  ])('rejects %j', (value, problem) => {
    expect(() => table(value)).toThrow(InputError);
    expect(() => table(value)).toThrow(problem);
  });
});
