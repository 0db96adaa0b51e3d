import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';
import { filterMatrix, pageMatrix, type MatrixRowSource } from './queryMatrix';

function row(
  name: string,
  overrides: Partial<OwnershipMatrixRow> = {},
): OwnershipMatrixRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    name,
    policySource: 'none',
    tiers: [],
    findings: [],
    ...overrides,
  };
}

function source(rows: OwnershipMatrixRow[]): MatrixRowSource {
  return {
    generatedAt: '2026-01-01T00:00:00.000Z',
    rows,
    searchText: rows.map(r =>
      [r.entityRef, r.title, r.ownerRef].join('\n').toLowerCase(),
    ),
  };
}

const rows = source([
  row('a', {
    ownerRef: 'group:default/team-a',
    tier: 'tier-1',
    title: 'Alpha',
  }),
  row('b', { ownerRef: 'group:default/team-b', tier: 'tier-2' }),
  row('c', {
    ownerRef: 'group:default/team-a',
    kind: 'API',
    findings: ['no-policy'],
  }),
]);
const names = (list: OwnershipMatrixRow[]) => list.map(r => r.name);

describe('filterMatrix', () => {
  it('returns every row without filters', () => {
    expect(names(filterMatrix(rows, {}))).toEqual(['a', 'b', 'c']);
  });

  it('treats values of one filter as alternatives', () => {
    expect(names(filterMatrix(rows, { tier: ['tier-1', 'tier-2'] }))).toEqual([
      'a',
      'b',
    ]);
  });

  it('requires every filter to match', () => {
    expect(
      names(
        filterMatrix(rows, { owner: ['group:default/team-a'], kind: ['API'] }),
      ),
    ).toEqual(['c']);
  });

  it('compares refs case-insensitively', () => {
    expect(
      names(filterMatrix(rows, { owner: ['Group:default/Team-B'] })),
    ).toEqual(['b']);
  });

  it('keeps rows with any of the wanted findings', () => {
    expect(
      names(filterMatrix(rows, { finding: ['no-policy', 'no-owner'] })),
    ).toEqual(['c']);
  });

  it('requires every search word to appear', () => {
    expect(names(filterMatrix(rows, { q: 'ALPHA team-a' }))).toEqual(['a']);
    expect(names(filterMatrix(rows, { q: 'alpha team-b' }))).toEqual([]);
  });
});

describe('pageMatrix', () => {
  it('slices the filtered rows and reports their total', () => {
    expect(
      pageMatrix(
        rows,
        { owner: ['group:default/team-a'] },
        { offset: 1, limit: 1 },
      ),
    ).toEqual({
      items: [rows.rows[2]],
      totalItems: 2,
      offset: 1,
      limit: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      // Over the whole snapshot: team-b is offered although the filter excludes it.
      facets: {
        domain: [],
        system: [],
        owner: ['group:default/team-a', 'group:default/team-b'],
        lifecycle: [],
      },
    });
  });

  it('returns no items past the end', () => {
    expect(pageMatrix(rows, {}, { offset: 10, limit: 5 }).items).toEqual([]);
  });
});
