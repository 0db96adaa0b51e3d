import type { Entity } from '@backstage/catalog-model';
import { parseDocument } from 'yaml';

/** An OpenAPI 3.0/3.1 document as parsed; read defensively, it comes from a repository. */
export type OpenApiDocument = {
  openapi: string;
  info?: Record<string, unknown>;
  paths: Record<string, unknown>;
  components?: Record<string, unknown>;
  security?: unknown;
  tags?: unknown;
  [key: string]: unknown;
};

/** Why a definition cannot be shown, in words a reader can act on. */
export type DefinitionProblem = {
  title: string;
  message: string;
};

export type ParsedDefinition =
  | { ok: true; document: OpenApiDocument }
  | { ok: false; problem: DefinitionProblem };

/**
 * Larger documents are refused rather than parsed on the main thread: the page would freeze.
 * 5 MB holds any internal API we know of several times over.
 */
export const MAX_DEFINITION_CHARS = 5_000_000;

/** Deeper nesting than this is hostile or generated; real schemas stay far below. */
export const MAX_DEFINITION_DEPTH = 64;

const refuse = (title: string, message: string): ParsedDefinition => ({
  ok: false,
  problem: { title, message },
});

/**
 * Reads an API entity's `spec.definition` as OpenAPI 3.0 or 3.1 and says precisely what is
 * wrong when it cannot: another API type, invalid YAML/JSON (with the line), Swagger 2.0,
 * no `openapi` field, a document too large or nested too deeply to show.
 */
export function parseApiDefinition(
  entity: Entity,
  limits: { maxChars?: number; maxDepth?: number } = {},
): ParsedDefinition {
  const maxChars = limits.maxChars ?? MAX_DEFINITION_CHARS;
  const maxDepth = limits.maxDepth ?? MAX_DEFINITION_DEPTH;
  const type = String(entity.spec?.type ?? '');
  if (type !== 'openapi') {
    return refuse(
      'Not an OpenAPI definition',
      `This API's spec.type is "${
        type || '(missing)'
      }". The API overview reads OpenAPI 3.0 and 3.1 documents (spec.type: openapi).`,
    );
  }
  const text = entity.spec?.definition;
  if (typeof text !== 'string' || text.trim() === '') {
    return refuse(
      'No definition',
      'spec.definition is empty. Point it at the OpenAPI document, e.g. definition: { $text: ./openapi.yaml }.',
    );
  }
  if (text.length > maxChars) {
    return refuse(
      'Definition too large to show',
      `spec.definition has ${text.length.toLocaleString(
        'en-US',
      )} characters; the overview shows documents up to ${maxChars.toLocaleString(
        'en-US',
      )}. Split the API into smaller lines or read it in the Definition tab.`,
    );
  }

  let value: unknown;
  try {
    value = parseText(text);
  } catch (error) {
    if (error instanceof RangeError) {
      return refuse(
        'Definition nests too deeply',
        'The document nests too deeply to parse.',
      );
    }
    return refuse(
      'Definition is not valid YAML or JSON',
      (error as Error).message,
    );
  }

  if (!isRecord(value)) {
    return refuse(
      'Definition is not an OpenAPI document',
      'spec.definition must be a YAML or JSON mapping with an openapi field.',
    );
  }
  if (value.swagger !== undefined) {
    return refuse(
      'Swagger 2.0 is not supported',
      `This document declares swagger: "${String(
        value.swagger,
      )}". Convert it to OpenAPI 3.0 or 3.1 (e.g. with swagger2openapi) to see its overview.`,
    );
  }
  const version = value.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+/.test(version)) {
    return refuse(
      'Definition is not an OpenAPI 3.0 or 3.1 document',
      version === undefined
        ? 'The document has no openapi field (e.g. openapi: 3.0.3).'
        : `The document declares openapi: "${String(
            version,
          )}"; the overview reads 3.0.x and 3.1.x.`,
    );
  }
  if (value.paths !== undefined && !isRecord(value.paths)) {
    return refuse(
      'Definition is not an OpenAPI document',
      'paths must be a mapping from path to path item.',
    );
  }
  const tooDeep = deeperThan(value, maxDepth);
  if (tooDeep) {
    return refuse(
      'Definition nests too deeply',
      `The document nests deeper than ${maxDepth} levels (at ${tooDeep}); the overview refuses it to stay responsive.`,
    );
  }
  return {
    ok: true,
    document: { ...value, paths: value.paths ?? {} } as OpenApiDocument,
  };
}

function parseText(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`Invalid JSON: ${(error as Error).message}`);
    }
  }
  // uniqueKeys: a duplicated path key would silently hide an operation.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const reason = first.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(`Invalid YAML${where}: ${reason}`);
  }
  // maxAliasCount bounds "billion laughs" alias expansion.
  return doc.toJS({ maxAliasCount: 100 });
}

/** Iterative, so a hostile 100,000-level document cannot overflow the stack. */
function deeperThan(root: unknown, maxDepth: number): string | undefined {
  const stack: Array<[unknown, string, number]> = [[root, '', 0]];
  while (stack.length > 0) {
    const [node, pointer, depth] = stack.pop()!;
    if (depth > maxDepth) return pointer || '/';
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (child !== null && typeof child === 'object') {
          stack.push([child, `${pointer}/${escapePointer(key)}`, depth + 1]);
        }
      }
    }
  }
  return undefined;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
