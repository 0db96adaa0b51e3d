import type { LoadedSpec } from '../load/types';
import { Change, CHANGE_SEVERITIES, ChangeSeverity } from '../diff/types';
import type { Finding, FindingSeverity } from '../lint/types';

/**
 * The JSON the CLI prints with --format json. The shape is a contract for CI scripts:
 * schema/plinth-api-output.schema.json describes it, and schemaVersion changes only when
 * a field is removed or changes meaning.
 */
export const OUTPUT_SCHEMA_VERSION = 1;

export interface DocumentSummary {
  source: string;
  title?: string;
  version: string;
  openapi: string;
}

export interface DiffOutput {
  schemaVersion: 1;
  command: 'diff';
  base: DocumentSummary;
  head: DocumentSummary;
  failOn: ChangeSeverity;
  /** True when a change is at or above failOn (the CLI then exits 1). */
  failed: boolean;
  summary: Record<ChangeSeverity, number>;
  changes: Change[];
}

export interface LintOutput {
  schemaVersion: 1;
  command: 'lint';
  spec: DocumentSummary;
  failOn: FindingSeverity;
  failed: boolean;
  summary: Record<FindingSeverity, number>;
  findings: Finding[];
}

export interface ErrorOutput {
  schemaVersion: 1;
  command: 'diff' | 'lint';
  error: {
    code: string;
    message: string;
    source?: string;
    line?: number;
    column?: number;
  };
}

export function summarizeDocument(spec: LoadedSpec): DocumentSummary {
  const info = spec.document.info as { title?: unknown; version: unknown };
  return {
    source: spec.source,
    ...(typeof info.title === 'string' ? { title: info.title } : {}),
    version: String(info.version),
    openapi: String(spec.document.openapi),
  };
}

export function diffOutput(
  base: LoadedSpec,
  head: LoadedSpec,
  changes: Change[],
  failOn: ChangeSeverity,
): DiffOutput {
  const summary = { breaking: 0, 'potentially-breaking': 0, 'non-breaking': 0 };
  for (const change of changes) summary[change.severity]++;
  const limit = CHANGE_SEVERITIES.indexOf(failOn);
  return {
    schemaVersion: OUTPUT_SCHEMA_VERSION,
    command: 'diff',
    base: summarizeDocument(base),
    head: summarizeDocument(head),
    failOn,
    failed: changes.some(c => CHANGE_SEVERITIES.indexOf(c.severity) <= limit),
    summary,
    changes,
  };
}

const FINDING_SEVERITIES: FindingSeverity[] = ['error', 'warning', 'info'];

export function lintOutput(
  spec: LoadedSpec,
  findings: Finding[],
  failOn: FindingSeverity,
): LintOutput {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity]++;
  const limit = FINDING_SEVERITIES.indexOf(failOn);
  return {
    schemaVersion: OUTPUT_SCHEMA_VERSION,
    command: 'lint',
    spec: summarizeDocument(spec),
    failOn,
    failed: findings.some(f => FINDING_SEVERITIES.indexOf(f.severity) <= limit),
    summary,
    findings,
  };
}
