import { parseDocument } from 'yaml';
import { SpecInputError } from '../errors';
import { findJsonError, lineAndColumn } from './findJsonError';

/**
 * Parses JSON or YAML text into a plain value. JSON goes through JSON.parse (a 13 MB
 * description parses ten times faster than through the YAML parser); anything else is
 * YAML 1.2. Errors carry the 1-based line and column of the problem.
 */
export function parseSpecText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return parseJson(text, source);
  }
  return parseYaml(text, source);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = findJsonError(text);
    const { line, column } =
      offset >= 0
        ? lineAndColumn(text, offset)
        : { line: undefined, column: undefined };
    const where = line ? ` at line ${line}, column ${column}` : '';
    const reason = (error as Error).message.split('\n')[0];
    throw new SpecInputError(
      'PARSE_ERROR',
      source,
      `invalid JSON${where}: ${reason}`,
      {
        line,
        column,
      },
    );
  }
}

function parseYaml(text: string, source: string): unknown {
  // uniqueKeys: a duplicated key silently dropping an operation is worse than an error.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw tooDeepOr(error, source);
  }
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const reason = first.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    throw new SpecInputError(
      'PARSE_ERROR',
      source,
      `invalid YAML${where}: ${reason}`,
      { line: pos?.line, column: pos?.col },
    );
  }
  try {
    // maxAliasCount bounds "billion laughs" alias expansion.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw tooDeepOr(error, source);
  }
}

/** A stack overflow while parsing means hostile nesting: say so instead of crashing. */
function tooDeepOr(error: unknown, source: string): SpecInputError {
  if (error instanceof RangeError) {
    return new SpecInputError(
      'TOO_DEEP',
      source,
      'the document nests too deeply to parse',
    );
  }
  return new SpecInputError(
    'PARSE_ERROR',
    source,
    `invalid YAML: ${(error as Error).message}`,
  );
}
