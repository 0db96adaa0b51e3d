import { NOW, apiEntity, line } from './__testUtils__/lines';
import {
  compareLines,
  currentLine,
  familyTitle,
  groupByFamily,
  majorOf,
} from './family';

describe('majorOf', () => {
  it.each([
    ['2.1.0', 2],
    ['v3.0.0', 3],
    ['10.0.0-rc.1', 10],
    ['1', 1],
  ])('reads the major of %s', (semver, major) => {
    expect(majorOf(semver)).toBe(major);
  });

  it.each(['latest', '', undefined])('has no major for %p', semver => {
    expect(majorOf(semver)).toBeUndefined();
  });
});

describe('toFamilyLine', () => {
  it('carries the version, dates and days to sunset of a line', () => {
    const v1 = line('orders-v1', '1.4.2', {
      lifecycle: 'deprecated',
      title: 'Orders API v1',
      deprecatedAt: '2026-06-01',
      sunsetAt: '2027-03-31T00:00:00Z',
    });
    expect(v1.version).toEqual({
      entityRef: 'api:default/orders-v1',
      name: 'orders-v1',
      title: 'Orders API v1',
      lifecycle: 'deprecated',
      owner: 'group:default/commerce',
      semver: '1.4.2',
      major: 1,
      deprecatedAt: '2026-06-01',
      sunsetAt: '2027-03-31',
      daysToSunset: 121,
    });
    expect(v1.invalidDates).toEqual([]);
  });

  it('keeps the problem of an unusable definition and the annotations that are not dates', () => {
    const broken = line(
      'orders-v1',
      {
        ok: false,
        problem: {
          code: 'PARSE_ERROR',
          message: 'bad YAML',
          line: 3,
          column: 1,
        },
      },
      { sunsetAt: '2027-02-30' },
    );
    expect(broken.version.definitionProblem).toEqual({
      code: 'PARSE_ERROR',
      message: 'bad YAML',
      line: 3,
      column: 1,
    });
    expect(broken.version.semver).toBeUndefined();
    expect(broken.version.sunsetAt).toBeUndefined();
    expect(broken.invalidDates).toEqual([
      { annotation: 'plinth.dev/sunset-at', value: '2027-02-30' },
    ]);
  });
});

describe('the timeline order', () => {
  it('orders lines by major version, unusable definitions last', () => {
    const lines = [
      line('orders-broken', {
        ok: false,
        problem: { code: 'SWAGGER_2', message: 'no' },
      }),
      line('orders-v10', '10.0.0'),
      line('orders-v2', '2.0.0'),
      line('orders-v1', '1.9.0'),
    ].sort(compareLines);
    expect(lines.map(l => l.entity.name)).toEqual([
      'orders-v1',
      'orders-v2',
      'orders-v10',
      'orders-broken',
    ]);
  });

  it('takes the newest production line as current, not a newer experimental one', () => {
    const lines = [
      line('orders-v1', '1.0.0', { lifecycle: 'deprecated' }),
      line('orders-v2', '2.0.0', { title: 'Orders API v2' }),
      line('orders-v3', '3.0.0-beta.1', { lifecycle: 'experimental' }),
    ];
    expect(currentLine(lines)?.entity.name).toBe('orders-v2');
    expect(familyTitle('orders', lines)).toBe('Orders API');
  });
});

describe('groupByFamily', () => {
  it('groups by the family annotation, families sorted by name', () => {
    const families = groupByFamily([
      apiEntity('orders-v1'),
      apiEntity('billing-v1', { family: 'billing' }),
      apiEntity('orders-v2'),
      apiEntity('alone', { family: undefined }),
    ]);
    expect([...families.keys()]).toEqual(['billing', 'orders']);
    expect(families.get('orders')?.map(a => a.name)).toEqual([
      'orders-v1',
      'orders-v2',
    ]);
  });
});

it('uses the fixed test clock', () => {
  expect(NOW.toISOString()).toBe('2026-11-30T12:00:00.000Z');
});
