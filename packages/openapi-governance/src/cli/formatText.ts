import type { Change, ChangeSeverity } from '../diff/types';
import type { DiffOutput, LintOutput } from './outputShapes';

const HEADINGS: Record<ChangeSeverity, string> = {
  breaking: 'BREAKING',
  'potentially-breaking': 'POTENTIALLY BREAKING',
  'non-breaking': 'NON-BREAKING',
};

function operationName(change: Change): string {
  return change.location.method
    ? `${change.location.method.toUpperCase()} ${change.location.path}`
    : 'Whole API';
}

/** Breaking first, then grouped by operation: the order a reviewer reads a change in. */
export function formatDiffText(output: DiffOutput): string {
  const lines: string[] = [];
  const { base, head, summary } = output;
  lines.push(
    `${base.source} (${base.version}) -> ${head.source} (${head.version})`,
  );
  lines.push(
    `${summary.breaking} breaking, ${summary['potentially-breaking']} potentially breaking, ${summary['non-breaking']} non-breaking`,
  );
  for (const severity of Object.keys(HEADINGS) as ChangeSeverity[]) {
    const changes = output.changes.filter(c => c.severity === severity);
    if (changes.length === 0) continue;
    lines.push('', HEADINGS[severity]);
    let group = '';
    for (const change of changes) {
      const name = operationName(change);
      if (name !== group) {
        lines.push(`  ${name}`);
        group = name;
      }
      lines.push(`    [${change.id}] ${change.message}`);
      lines.push(
        `      at ${change.location.document} #${change.location.pointer}`,
      );
    }
  }
  lines.push(
    '',
    output.failed
      ? `FAILED: changes at or above "${output.failOn}".`
      : `OK: no changes at or above "${output.failOn}".`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatLintText(output: LintOutput): string {
  const lines: string[] = [];
  const { spec, summary } = output;
  lines.push(`${spec.source} (${spec.version})`);
  lines.push(
    `${summary.error} errors, ${summary.warning} warnings, ${summary.info} infos`,
  );
  for (const finding of output.findings) {
    const where = finding.range
      ? `${finding.range.start.line}:${finding.range.start.column}`
      : '-';
    lines.push(
      `  ${where.padEnd(8)} ${finding.severity.padEnd(7)} ${finding.ruleId}  ${
        finding.message
      }`,
    );
  }
  lines.push(
    '',
    output.failed
      ? `FAILED: findings at or above "${output.failOn}".`
      : `OK: no findings at or above "${output.failOn}".`,
  );
  return `${lines.join('\n')}\n`;
}
