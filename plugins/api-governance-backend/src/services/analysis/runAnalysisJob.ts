import {
  diffOpenApi,
  lintOpenApi,
  parseSpec,
  SpecInputError,
  type Finding,
  type LoadLimits,
} from '@plinth/openapi-governance';
import type {
  ChangeFinding,
  DefinitionProblem,
  LintFinding,
} from '@plinth/plugin-api-governance-common';
import type { Comparison, DefinitionInput, Inspection } from './types';

/** A unit of work for the analysis worker; plain data, so it crosses the thread boundary. */
export type AnalysisJob =
  | { type: 'inspect'; definition: DefinitionInput; limits: LoadLimits }
  | {
      type: 'compare';
      base: DefinitionInput;
      head: DefinitionInput;
      /** ISO 8601 */
      now: string;
      sunsetAt?: string;
      limits: LoadLimits;
    };

export type AnalysisResult = Inspection | Comparison;

/** RFC 6901: `~` and `/` escaped in each segment. */
export function toJsonPointer(path: ReadonlyArray<string | number>): string {
  return path
    .map(
      segment => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    )
    .join('');
}

function lintFinding(finding: Finding): LintFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    pointer: toJsonPointer(finding.path),
    ...(finding.range && {
      start: finding.range.start,
      end: finding.range.end,
    }),
  };
}

function problemOf(error: unknown): DefinitionProblem {
  if (error instanceof SpecInputError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.line !== undefined && { line: error.line }),
      ...(error.column !== undefined && { column: error.column }),
    };
  }
  throw error;
}

/**
 * Runs one job: the work the worker thread does. Bad documents become `ok: false`
 * answers with the loader's code and message; anything else is a bug and is thrown.
 */
export async function runAnalysisJob(
  job: AnalysisJob,
): Promise<AnalysisResult> {
  if (job.type === 'inspect') {
    let spec;
    try {
      spec = parseSpec(job.definition.text, job.definition.source, job.limits);
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
    const findings = await lintOpenApi(spec, job.limits);
    return {
      ok: true,
      semver: String(spec.document.info.version),
      title: spec.document.info.title,
      findings: findings.map(lintFinding),
    };
  }
  const loaded = [];
  for (const input of [job.base, job.head]) {
    try {
      loaded.push(parseSpec(input.text, input.source, job.limits));
    } catch (error) {
      return { ok: false, problem: problemOf(error), source: input.source };
    }
  }
  const changes = diffOpenApi(loaded[0], loaded[1], {
    now: new Date(job.now),
    sunsetAt: job.sunsetAt,
  });
  return {
    ok: true,
    changes: changes.map(
      (change): ChangeFinding => ({
        ruleId: change.id,
        severity: change.severity,
        location: change.location,
        message: change.message,
      }),
    ),
  };
}
