import type { LoadedSpec } from '../load/types';
import { DiffContext } from './DiffContext';
import { checkVersionBump } from './checkVersionBump';
import { HTTP_METHODS, compareOperations } from './compareOperations';
import { CHANGE_SEVERITIES, Change, DiffOptions } from './types';

/**
 * Compares two loaded versions of an API and classifies every change. The result is
 * sorted: breaking first, then by path, method and pointer, so two runs on the same
 * input give the same list.
 */
export function diffOpenApi(
  base: LoadedSpec,
  head: LoadedSpec,
  options: DiffOptions = {},
): Change[] {
  const ctx = new DiffContext(base, head, options);
  compareOperations(ctx);
  checkVersionBump(ctx);
  return sortChanges(dedupe(ctx.changes));
}

/** A schema shared by two media types of one response reports once per place, not twice. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter(c => {
    const key = `${c.id}|${c.location.path}|${c.location.method}|${c.location.document}|${c.location.pointer}|${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortChanges(changes: Change[]): Change[] {
  const methodRank = (m?: string) =>
    m ? HTTP_METHODS.indexOf(m as (typeof HTTP_METHODS)[number]) : -1;
  return [...changes].sort(
    (a, b) =>
      CHANGE_SEVERITIES.indexOf(a.severity) -
        CHANGE_SEVERITIES.indexOf(b.severity) ||
      compare(a.location.path, b.location.path) ||
      methodRank(a.location.method) - methodRank(b.location.method) ||
      compare(a.location.pointer, b.location.pointer) ||
      compare(a.id, b.id) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
