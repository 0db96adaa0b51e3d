import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { MatrixFilters } from '@plinth/plugin-ownership-common';
import type { GetMatrix } from '../schema/openapi';

/*
 * The OpenAPI validator in front of the routes has already checked every query parameter
 * against src/schema/openapi.yaml (known names, types, enums, bounds, non-blank values).
 * What stays here is what a schema cannot say: short entity refs (`team-a`) mean full refs
 * (`group:default/team-a`), and a blank search is no search.
 */

export const DEFAULT_LIMIT = 50;

/** The validated query of GET /matrix (GET /matrix.csv takes the same filters). */
export type MatrixQuery = GetMatrix['query'];

/** Full entity refs for `domain`, `system` and `owner`, which accept short forms. */
export function parseRefFilter(
  values: string[] | undefined,
  name: string,
  defaultKind: string,
): string[] | undefined {
  return values?.map(raw => {
    const value = raw.trim();
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      );
    } catch {
      throw new InputError(
        `Invalid query parameter '${name}': '${value}' is not an entity ref`,
      );
    }
  });
}

export function parseMatrixFilters(query: MatrixQuery): MatrixFilters {
  const filters: MatrixFilters = {
    domain: parseRefFilter(query.domain, 'domain', 'Domain'),
    system: parseRefFilter(query.system, 'system', 'System'),
    owner: parseRefFilter(query.owner, 'owner', 'Group'),
    tier: query.tier,
    lifecycle: query.lifecycle?.map(value => value.trim()),
    kind: query.kind,
    q: query.q?.trim() || undefined,
    finding: query.finding,
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as MatrixFilters;
}

export function parseMatrixQuery(query: MatrixQuery): {
  filters: MatrixFilters;
  paging: { offset: number; limit: number };
} {
  return {
    filters: parseMatrixFilters(query),
    // The validator checked the bounds; the defaults are the spec's too.
    paging: {
      offset: Number(query.offset ?? 0),
      limit: Number(query.limit ?? DEFAULT_LIMIT),
    },
  };
}
