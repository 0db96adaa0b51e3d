import {
  COVERAGE_FINDING_TYPES,
  MATRIX_KINDS,
  SERVICE_TIERS,
  type MatrixFilters,
} from '@plinth/plugin-ownership-common';

/** Filter keys that hold a list of values; each value is one repeated query parameter. */
export const LIST_FILTER_KEYS = [
  'domain',
  'system',
  'owner',
  'tier',
  'lifecycle',
  'kind',
  'finding',
] as const;
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];

function only<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T =>
    (allowed as readonly string[]).includes(v),
  );
}

/** Reads the matrix filters from a shared URL; unknown tiers, kinds and findings are dropped. */
export function filtersFromSearchParams(
  params: URLSearchParams,
): MatrixFilters {
  const filters: MatrixFilters = {};
  const domain = params.getAll('domain');
  const system = params.getAll('system');
  const owner = params.getAll('owner');
  const lifecycle = params.getAll('lifecycle');
  const tier = only(SERVICE_TIERS, params.getAll('tier'));
  const kind = only(MATRIX_KINDS, params.getAll('kind'));
  const finding = only(COVERAGE_FINDING_TYPES, params.getAll('finding'));
  if (domain.length) filters.domain = domain;
  if (system.length) filters.system = system;
  if (owner.length) filters.owner = owner;
  if (lifecycle.length) filters.lifecycle = lifecycle;
  if (tier.length) filters.tier = tier;
  if (kind.length) filters.kind = kind;
  if (finding.length) filters.finding = finding;
  const q = params.get('q');
  if (q) filters.q = q;
  return filters;
}

/** Returns a copy of `params` with one filter replaced, leaving unrelated parameters alone. */
export function withFilter(
  params: URLSearchParams,
  key: ListFilterKey | 'q',
  values: string[],
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(key);
  for (const value of values) {
    if (value) next.append(key, value);
  }
  return next;
}
