import { csvField, dailyPoints, matrixCsv, percentPassing } from './scorecard';
import { trendRow } from './testing';

describe('dailyPoints', () => {
  it('keeps the last run of each UTC day, oldest first', () => {
    const points = dailyPoints([
      trendRow('2026-11-30T10:00:00.000Z', {
        owner: { passed: 2, evaluated: 2 },
      }),
      trendRow('2026-11-29T23:59:00.000Z', {
        owner: { passed: 0, evaluated: 2 },
      }),
      trendRow('2026-11-30T01:00:00.000Z', {
        owner: { passed: 1, evaluated: 2 },
      }),
    ]);
    expect(points.map(p => [p.day, p.checks.owner.passed])).toEqual([
      ['2026-11-29', 0],
      ['2026-11-30', 2],
    ]);
  });

  it("uses the row's scoredAt when the backend returns no timestamp, and drops rows with neither", () => {
    const row = (timestamp: string | null, scoredAt?: string) => ({
      ...trendRow('2026-11-30T10:00:00.000Z', {
        owner: { passed: 1, evaluated: 1 },
      }),
      timestamp,
      facts: {
        components: 1,
        checks: { owner: { passed: 1, evaluated: 1 } },
        ...(scoredAt ? { scoredAt } : {}),
      },
    });
    const points = dailyPoints([
      row(null, '2026-11-28T09:00:00.000Z'),
      row(null),
      row('not a date'),
    ]);
    expect(points.map(p => p.day)).toEqual(['2026-11-28']);
  });
});

describe('percentPassing', () => {
  const counts = {
    owner: { passed: 1, evaluated: 2 },
    'api-lint': { passed: 0, evaluated: 0 },
  };
  it('is passed over evaluated across the selected checks', () => {
    expect(percentPassing(counts)).toBe(50);
    expect(percentPassing(counts, ['owner'])).toBe(50);
  });
  it('is undefined when nothing was evaluated', () => {
    expect(percentPassing(counts, ['api-lint'])).toBeUndefined();
    expect(percentPassing({}, ['owner'])).toBeUndefined();
  });
});

describe('csv', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1')).toBe("'-1");
  });

  it('writes one row per team with % and counts per check, blank when not evaluated', () => {
    expect(
      matrixCsv(
        [
          {
            ref: 'group:default/orders',
            title: 'Orders',
            components: 3,
            checks: { owner: { passed: 2, evaluated: 3 } },
          },
        ],
        [
          { id: 'owner', name: 'Owner' },
          { id: 'api-lint', name: 'API lint' },
        ],
      ),
    ).toBe(
      'team,components,Owner (% passing),Owner (passed/evaluated),API lint (% passing),API lint (passed/evaluated)\r\n' +
        'Orders,3,67,2/3,,\r\n',
    );
  });
});
