/**
 * Extension fields that carry a sunset date, on the operation first, then on `info`.
 * `x-sunset` is oasdiff's name; the Plinth names mirror the catalog annotation
 * `plinth.dev/sunset-at` (accepted verbatim too, though OpenAPI wants `x-` prefixes).
 */
export const SUNSET_FIELDS = [
  'x-sunset',
  'x-plinth-sunset-at',
  'plinth.dev/sunset-at',
] as const;

export function sunsetOf(
  operation: Record<string, any>,
  info: Record<string, any> | undefined,
  fallback: string | undefined,
): { raw: string; date?: Date } | undefined {
  for (const holder of [operation, info ?? {}]) {
    for (const field of SUNSET_FIELDS) {
      const value = holder[field];
      if (typeof value === 'string' || value instanceof Date) {
        return parse(value);
      }
    }
  }
  return fallback ? parse(fallback) : undefined;
}

function parse(value: string | Date): { raw: string; date?: Date } {
  // YAML turns an unquoted 2027-03-31 into a string in yaml v2's core schema; keep both.
  const raw = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? { raw } : { raw, date };
}
