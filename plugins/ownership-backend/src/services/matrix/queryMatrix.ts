import {
  matrixFacetsOf,
  type MatrixFacets,
  type MatrixFilters,
  type MatrixPage,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';

export type MatrixRowSource = {
  generatedAt: string;
  rows: OwnershipMatrixRow[];
  /** Lower-cased search text, parallel to `rows`. */
  searchText: string[];
};

function anyOf(values: readonly string[] | undefined) {
  if (!values?.length) {
    return undefined;
  }
  const set = new Set(values.map(v => v.toLocaleLowerCase('en-US')));
  return (value: string | undefined) =>
    value !== undefined && set.has(value.toLocaleLowerCase('en-US'));
}

/** Rows matching every given filter (values of one filter are alternatives). */
export function filterMatrix(
  source: MatrixRowSource,
  filters: MatrixFilters,
): OwnershipMatrixRow[] {
  const checks: Array<(row: OwnershipMatrixRow, index: number) => boolean> = [];
  const push = (
    values: readonly string[] | undefined,
    pick: (row: OwnershipMatrixRow) => string | undefined,
  ) => {
    const match = anyOf(values);
    if (match) {
      checks.push(row => match(pick(row)));
    }
  };
  push(filters.domain, row => row.domain);
  push(filters.system, row => row.system);
  push(filters.owner, row => row.ownerRef);
  push(filters.tier, row => row.tier);
  push(filters.lifecycle, row => row.lifecycle);
  push(filters.kind, row => row.kind);
  if (filters.finding?.length) {
    const wanted = new Set<string>(filters.finding);
    checks.push(row => row.findings.some(f => wanted.has(f)));
  }
  const terms = (filters.q ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean);
  if (terms.length) {
    checks.push((_row, index) =>
      terms.every(term => source.searchText[index].includes(term)),
    );
  }
  if (!checks.length) {
    return source.rows;
  }
  return source.rows.filter((row, index) =>
    checks.every(check => check(row, index)),
  );
}

// Facets depend only on the snapshot, which is replaced (never mutated) on refresh.
const facetsBySource = new WeakMap<MatrixRowSource, MatrixFacets>();

/** The filter choices over every row of the snapshot. */
export function matrixFacets(source: MatrixRowSource): MatrixFacets {
  let facets = facetsBySource.get(source);
  if (!facets) {
    facets = matrixFacetsOf(source.rows);
    facetsBySource.set(source, facets);
  }
  return facets;
}

export function pageMatrix(
  source: MatrixRowSource,
  filters: MatrixFilters,
  paging: { offset: number; limit: number },
): MatrixPage {
  const rows = filterMatrix(source, filters);
  return {
    items: rows.slice(paging.offset, paging.offset + paging.limit),
    totalItems: rows.length,
    offset: paging.offset,
    limit: paging.limit,
    generatedAt: source.generatedAt,
    facets: matrixFacets(source),
  };
}
