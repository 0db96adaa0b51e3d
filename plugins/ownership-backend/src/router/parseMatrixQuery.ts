import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  COVERAGE_FINDING_TYPES,
  MATRIX_KINDS,
  SERVICE_TIERS,
  type MatrixFilters,
} from '@plinth/plugin-ownership-common';
import { z } from 'zod';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
export const MAX_QUERY_LENGTH = 200;

/** An Express query object (`qs` may produce nested objects for `a[b]=c`). */
export type RawQuery = Record<string, unknown>;

const KNOWN_PARAMETERS = [
  'offset',
  'limit',
  'domain',
  'system',
  'owner',
  'tier',
  'lifecycle',
  'kind',
  'q',
  'finding',
];

const stringList = z.union([
  z.string().transform(value => [value]),
  z.array(z.string()),
]);

/** A repeatable parameter: `?owner=a&owner=b`. */
export function parseStringList(
  query: RawQuery,
  name: string,
): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) {
    return undefined;
  }
  const parsed = stringList.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid query parameter '${name}': expected a string, possibly repeated`,
    );
  }
  const values = parsed.data.map(v => v.trim());
  if (values.some(v => !v)) {
    throw new InputError(`Invalid query parameter '${name}': empty value`);
  }
  return values;
}

/** Entity ref filters accept short forms (`team-a`) and compare as full refs. */
export function parseRefFilter(
  query: RawQuery,
  name: string,
  defaultKind: string,
): string[] | undefined {
  return parseStringList(query, name)?.map(value => {
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

/** Case-insensitive match against a fixed list, returned in canonical spelling. */
export function parseEnumFilter<T extends string>(
  query: RawQuery,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  return parseStringList(query, name)?.map(value => {
    const match = allowed.find(
      a => a.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
    );
    if (!match) {
      throw new InputError(
        `Invalid query parameter '${name}': '${value}' is not one of ${allowed.join(
          ', ',
        )}`,
      );
    }
    return match;
  });
}

function parseInteger(
  query: RawQuery,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = query[name];
  if (raw === undefined) {
    return fallback;
  }
  const parsed = z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid query parameter '${name}': expected an integer from ${min} to ${max}, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
  return parsed.data;
}

export function parseOffset(query: RawQuery): number {
  return parseInteger(query, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
}

export function parseLimit(query: RawQuery): number {
  return parseInteger(query, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
}

export function parseSearchText(query: RawQuery): string | undefined {
  const raw = query.q;
  if (raw === undefined) {
    return undefined;
  }
  const parsed = z.string().max(MAX_QUERY_LENGTH).safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid query parameter 'q': expected a single string of at most ${MAX_QUERY_LENGTH} characters`,
    );
  }
  return parsed.data.trim() || undefined;
}

export function parseMatrixFilters(query: RawQuery): MatrixFilters {
  const unknown = Object.keys(query).filter(
    key => !KNOWN_PARAMETERS.includes(key),
  );
  if (unknown.length) {
    throw new InputError(
      `Unknown query parameter '${
        unknown[0]
      }'; expected one of ${KNOWN_PARAMETERS.join(', ')}`,
    );
  }
  const filters: MatrixFilters = {
    domain: parseRefFilter(query, 'domain', 'Domain'),
    system: parseRefFilter(query, 'system', 'System'),
    owner: parseRefFilter(query, 'owner', 'Group'),
    tier: parseEnumFilter(query, 'tier', SERVICE_TIERS),
    lifecycle: parseStringList(query, 'lifecycle'),
    kind: parseEnumFilter(query, 'kind', MATRIX_KINDS),
    q: parseSearchText(query),
    finding: parseEnumFilter(query, 'finding', COVERAGE_FINDING_TYPES),
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as MatrixFilters;
}

export function parseMatrixQuery(query: RawQuery): {
  filters: MatrixFilters;
  paging: { offset: number; limit: number };
} {
  return {
    filters: parseMatrixFilters(query),
    paging: { offset: parseOffset(query), limit: parseLimit(query) },
  };
}
