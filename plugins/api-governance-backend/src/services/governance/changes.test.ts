import type { ChangeFinding } from '@plinth/plugin-api-governance-common';
import { countChanges, groupByOperation } from './changes';

function change(
  severity: ChangeFinding['severity'],
  path: string,
  method?: string,
  ruleId = 'response-property-added',
): ChangeFinding {
  return {
    ruleId,
    severity,
    location: { path, method, pointer: `/paths/${path}`, document: 'head' },
    message: `${severity} on ${method} ${path}`,
  };
}

describe('groupByOperation', () => {
  it('puts operations with breaking changes first, most breaking first, then the rest by path', () => {
    const groups = groupByOperation([
      change('non-breaking', '/a', 'get'),
      change('potentially-breaking', '/b', 'get'),
      change('breaking', '/c', 'post'),
      change('non-breaking', '/c', 'post'),
      change('breaking', '/d', 'get'),
      change('breaking', '/d', 'get'),
      change('breaking', '', undefined, 'breaking-change-without-major-bump'),
    ]);
    expect(groups.map(g => [g.path, g.method, g.counts])).toEqual([
      ['/d', 'get', { breaking: 2, potentiallyBreaking: 0, nonBreaking: 0 }],
      ['', undefined, { breaking: 1, potentiallyBreaking: 0, nonBreaking: 0 }],
      ['/c', 'post', { breaking: 1, potentiallyBreaking: 0, nonBreaking: 1 }],
      ['/b', 'get', { breaking: 0, potentiallyBreaking: 1, nonBreaking: 0 }],
      ['/a', 'get', { breaking: 0, potentiallyBreaking: 0, nonBreaking: 1 }],
    ]);
    expect(groups[2].changes.map(c => c.severity)).toEqual([
      'breaking',
      'non-breaking',
    ]);
  });

  it('counts changes by class', () => {
    expect(
      countChanges([
        change('breaking', '/a'),
        change('non-breaking', '/a'),
        change('non-breaking', '/b'),
      ]),
    ).toEqual({ breaking: 1, potentiallyBreaking: 0, nonBreaking: 2 });
  });
});
