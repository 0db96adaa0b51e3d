import type {
  ChangeCounts,
  ChangeFinding,
  ChangeSeverity,
  OperationChanges,
} from '@plinth/plugin-api-governance-common';

export function countChanges(changes: ChangeFinding[]): ChangeCounts {
  const counts: ChangeCounts = {
    breaking: 0,
    potentiallyBreaking: 0,
    nonBreaking: 0,
  };
  for (const change of changes) {
    if (change.severity === 'breaking') counts.breaking++;
    else if (change.severity === 'potentially-breaking')
      counts.potentiallyBreaking++;
    else counts.nonBreaking++;
  }
  return counts;
}

const RANK: Record<ChangeSeverity, number> = {
  breaking: 0,
  'potentially-breaking': 1,
  'non-breaking': 2,
};

/**
 * Changes grouped by operation (path + method; document-level changes under path ''),
 * operations ranked by their worst change, then by how many breaking changes they have,
 * then by path and method. Within an operation the engine's order (breaking first) stays.
 */
export function groupByOperation(changes: ChangeFinding[]): OperationChanges[] {
  const groups = new Map<string, ChangeFinding[]>();
  for (const change of changes) {
    const key = `${change.location.path}\u0000${change.location.method ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  const operations = [...groups.values()].map(
    (group): OperationChanges => ({
      path: group[0].location.path,
      ...(group[0].location.method && { method: group[0].location.method }),
      counts: countChanges(group),
      changes: [...group].sort((a, b) => RANK[a.severity] - RANK[b.severity]),
    }),
  );
  const worst = (op: OperationChanges) => RANK[op.changes[0].severity];
  return operations.sort(
    (a, b) =>
      worst(a) - worst(b) ||
      b.counts.breaking - a.counts.breaking ||
      a.path.localeCompare(b.path) ||
      (a.method ?? '').localeCompare(b.method ?? ''),
  );
}
