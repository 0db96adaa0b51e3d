import type {
  Check,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import type { JsonValue } from '@backstage/types';
import type { FactRow, LatestFacts } from './client';

/** The fact retriever that stores each team's pass counts (Plinth's Tech Insights module). */
export const ADOPTION_TREND_RETRIEVER = 'plinthAdoptionTrendFactRetriever';

export type CheckStatus = 'pass' | 'fail' | 'not-evaluated';

/** One check on one entity: its status, the facts behind it and what to do next. */
export type CheckOutcome = {
  check: Check;
  status: CheckStatus;
  /** The facts of the check's retrievers, by name (empty strings and lists left out). */
  facts: Array<[string, JsonValue]>;
  /** Why the check was not evaluated, when a retriever said so. */
  note?: string;
  /** The "what to do next" link of the check. */
  nextStep?: string;
  /** When behind its template: the releases since, newest first. */
  templateChanges?: Array<{ version: string; changes: string }>;
};

const isEmpty = (value: JsonValue) =>
  value === '' ||
  value === null ||
  (Array.isArray(value) && value.length === 0);

/**
 * Puts the checks, the results of running them and the latest facts together. The checker
 * leaves out a check whose facts are missing (it does not apply, or its upstream could not
 * be read); such a check is "not evaluated", with the retriever's note when it left one.
 */
export function outcomesOf(
  checks: Check[],
  results: CheckResult[],
  facts: LatestFacts,
): CheckOutcome[] {
  const resultById = new Map(results.map(r => [r.check.id, r]));
  return checks.map(check => {
    const result = resultById.get(check.id);
    const rows = check.factIds.map(id => facts[id]).filter(Boolean);
    const all = rows.flatMap(row => Object.entries(row.facts));
    const note = all.find(
      ([name, value]) =>
        name.endsWith('Note') && typeof value === 'string' && value !== '',
    )?.[1] as string | undefined;
    let status: CheckStatus = 'not-evaluated';
    if (result !== undefined) {
      status = result.result === true ? 'pass' : 'fail';
    }
    const templateChanges = all.find(
      ([name]) => name === 'templateChanges',
    )?.[1];
    return {
      check,
      status,
      facts: all.filter(([, value]) => !isEmpty(value)),
      note:
        status === 'not-evaluated'
          ? note ??
            (rows.length === 0
              ? 'Does not apply to this entity, or its facts have not been collected yet.'
              : undefined)
          : undefined,
      nextStep: check.links?.[0]?.url,
      templateChanges:
        status === 'fail' && Array.isArray(templateChanges)
          ? (templateChanges as Array<{ version: string; changes: string }>)
          : undefined,
    };
  });
}

/** Per check: of a team's components the check applied to, how many passed. */
export type TeamCheckCounts = Record<
  string,
  { passed: number; evaluated: number }
>;

/** One day of a team's trend: the last run of that day. */
export type TrendPoint = {
  /** YYYY-MM-DD (UTC). */
  day: string;
  at: string;
  components: number;
  checks: TeamCheckCounts;
};

/** When a trend row was scored: its `scoredAt` fact, else the row's stored time. */
export function scoredAtOf(row: FactRow): string | undefined {
  const candidates = [row.facts.scoredAt, row.timestamp];
  return candidates.find(
    (value): value is string =>
      typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  );
}

/** The last row of each UTC day, oldest first; a row with no known time is left out. */
export function dailyPoints(rows: FactRow[]): TrendPoint[] {
  const timed = rows.flatMap(row => {
    const at = scoredAtOf(row);
    return at ? [{ row, at }] : [];
  });
  timed.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const byDay = new Map<string, { row: FactRow; at: string }>();
  for (const entry of timed) {
    byDay.set(new Date(entry.at).toISOString().slice(0, 10), entry);
  }
  return [...byDay.entries()].map(([day, { row, at }]) => ({
    day,
    at,
    components:
      typeof row.facts.components === 'number' ? row.facts.components : 0,
    checks: (row.facts.checks ?? {}) as TeamCheckCounts,
  }));
}

/** % passing over the selected checks; undefined when none was evaluated. */
export function percentPassing(
  counts: TeamCheckCounts,
  checkIds?: readonly string[],
): number | undefined {
  const selected = checkIds
    ? checkIds.map(id => counts[id]).filter(Boolean)
    : Object.values(counts);
  const evaluated = selected.reduce((sum, c) => sum + c.evaluated, 0);
  if (evaluated === 0) {
    return undefined;
  }
  return (100 * selected.reduce((sum, c) => sum + c.passed, 0)) / evaluated;
}

export const formatPercent = (value: number | undefined) =>
  value === undefined ? '–' : `${Math.round(value)} %`;

/** One CSV field: quoted when needed, and formula-like text neutralised for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The teams x checks matrix as CSV (RFC 4180, CRLF): % passing and the counts behind it. */
export function matrixCsv(
  teams: Array<{
    ref: string;
    title: string;
    components: number;
    checks: TeamCheckCounts;
  }>,
  checks: Array<{ id: string; name: string }>,
): string {
  const header = [
    'team',
    'components',
    ...checks.flatMap(c => [
      `${c.name} (% passing)`,
      `${c.name} (passed/evaluated)`,
    ]),
  ];
  const lines = teams.map(team => [
    team.title,
    String(team.components),
    ...checks.flatMap(c => {
      const counts = team.checks[c.id];
      return counts && counts.evaluated > 0
        ? [
            String(Math.round((100 * counts.passed) / counts.evaluated)),
            `${counts.passed}/${counts.evaluated}`,
          ]
        : ['', ''];
    }),
  ]);
  return `${[header, ...lines]
    .map(l => l.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}
