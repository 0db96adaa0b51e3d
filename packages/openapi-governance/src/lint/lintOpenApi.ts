import { Document, Spectral } from '@stoplight/spectral-core';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import { parseSpec } from '../load/loadSpec';
import type { LoadedSpec, LoadLimits, OpenApiDocument } from '../load/types';
import { plinthRuleset } from './plinthRuleset';
import type { Finding, FindingSeverity } from './types';

const SEVERITIES: FindingSeverity[] = ['error', 'warning', 'info', 'info'];

/**
 * Lints a document against the Plinth ruleset. Text is loaded and checked first (so
 * remote refs, Swagger 2.0 and malformed input fail with a SpecInputError, never reach
 * Spectral's resolver); findings are sorted by severity, then position.
 */
export async function lintOpenApi(
  input: LoadedSpec | OpenApiDocument | string,
  limits: LoadLimits = {},
): Promise<Finding[]> {
  const spec = toLoadedSpec(input, limits);
  const spectral = new Spectral();
  spectral.setRuleset(plinthRuleset);
  const isJson = /^\s*[{[]/.test(spec.text);
  const document = isJson
    ? new Document(spec.text, Json, spec.source)
    : new Document(spec.text, Yaml, spec.source);
  const diagnostics = await spectral.run(document);
  const findings = diagnostics.map(
    (d): Finding => ({
      ruleId: String(d.code),
      severity: SEVERITIES[d.severity] ?? 'info',
      message: d.message,
      path: normalizePath(spec.document, d.path),
      range: {
        start: {
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
        },
        end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
      },
    }),
  );
  const rank = (s: FindingSeverity) => ['error', 'warning', 'info'].indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

/** Array indexes as numbers (Spectral reports some as strings), so paths compare reliably. */
function normalizePath(
  root: unknown,
  path: ReadonlyArray<string | number>,
): Array<string | number> {
  let node: any = root;
  return path.map(segment => {
    const index =
      Array.isArray(node) && /^\d+$/.test(String(segment))
        ? Number(segment)
        : segment;
    node = node !== null && typeof node === 'object' ? node[index] : undefined;
    return index;
  });
}

function toLoadedSpec(
  input: LoadedSpec | OpenApiDocument | string,
  limits: LoadLimits,
): LoadedSpec {
  if (typeof input === 'string') return parseSpec(input, '<document>', limits);
  if ('document' in input && 'text' in input && 'source' in input) {
    return input as LoadedSpec;
  }
  // A plain document object: serialise it so the same checks and source ranges apply.
  return parseSpec(JSON.stringify(input, null, 2), '<document>', limits);
}
