const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The UTC day of an ISO 8601 date or date-time annotation, as epoch days; undefined when
 * the value is not one (e.g. "next spring", "2027-02-30").
 */
export function parseIsoDay(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return undefined;
  }
  return Math.floor(date.getTime() / DAY_MS);
}

/** The UTC day of a moment, as epoch days. */
export function dayOf(moment: Date): number {
  return Math.floor(moment.getTime() / DAY_MS);
}

/** An epoch day as YYYY-MM-DD. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
