import { SpecInputError } from '../errors';
import { DEFAULT_MAX_DEPTH, OpenApiDocument, OpenApiLine } from './types';

const SWAGGER_MESSAGE =
  'Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi)';

/**
 * Checks that a parsed value is an OpenAPI 3.0 or 3.1 document with the fields the diff
 * and the lint rely on. It is not a full schema validation (the lint does more); it
 * refuses what would otherwise surface as a confusing TypeError deep in the diff.
 */
export function validateOpenApiShape(
  value: unknown,
  source: string,
  maxDepth: number = DEFAULT_MAX_DEPTH,
): { document: OpenApiDocument; line: OpenApiLine } {
  if (!isRecord(value)) {
    const actual = Array.isArray(value) ? 'an array' : typeLabel(value);
    throw new SpecInputError(
      'NOT_AN_OBJECT',
      source,
      `expected an OpenAPI document (a mapping with an "openapi" field), found ${actual}`,
    );
  }
  if ('swagger' in value) {
    throw new SpecInputError('SWAGGER_2', source, SWAGGER_MESSAGE);
  }
  const version = value.openapi;
  if (version === undefined) {
    throw new SpecInputError(
      'NOT_OPENAPI',
      source,
      'not an OpenAPI document: the top-level "openapi" field is missing',
    );
  }
  if (typeof version !== 'string') {
    throw new SpecInputError(
      'UNSUPPORTED_VERSION',
      source,
      `"openapi" must be a string such as "3.0.3" or "3.1.0", found ${typeLabel(
        version,
      )} (quote it in YAML)`,
    );
  }
  let line: OpenApiLine;
  if (/^3\.0\.\d+$/.test(version)) {
    line = '3.0';
  } else if (/^3\.1\.\d+$/.test(version)) {
    line = '3.1';
  } else {
    throw new SpecInputError(
      'UNSUPPORTED_VERSION',
      source,
      `OpenAPI version "${version}" is not supported; use 3.0.x or 3.1.x`,
    );
  }
  if (!isRecord(value.info) || typeof value.info.version !== 'string') {
    throw new SpecInputError(
      'INVALID_STRUCTURE',
      source,
      '"info.version" is missing or not a string; it holds the API\'s semver',
    );
  }
  if (value.paths !== undefined && !isRecord(value.paths)) {
    throw new SpecInputError(
      'INVALID_STRUCTURE',
      source,
      '"paths" must be a mapping of path templates to path items',
    );
  }
  if (line === '3.0' && value.paths === undefined) {
    throw new SpecInputError(
      'INVALID_STRUCTURE',
      source,
      'OpenAPI 3.0 requires a "paths" field',
    );
  }
  for (const [path, item] of Object.entries(value.paths ?? {})) {
    if (!path.startsWith('/') && !path.startsWith('x-')) {
      throw new SpecInputError(
        'INVALID_STRUCTURE',
        source,
        `path "${path}" must start with "/"`,
      );
    }
    if (!path.startsWith('x-') && !isRecord(item)) {
      throw new SpecInputError(
        'INVALID_STRUCTURE',
        source,
        `path item "${path}" must be a mapping`,
      );
    }
  }
  checkDepth(value, source, maxDepth);
  return { document: value as unknown as OpenApiDocument, line };
}

/** Iterative, so a 100,000-level document cannot overflow the stack while checking. */
function checkDepth(root: unknown, source: string, maxDepth: number) {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) {
      throw new SpecInputError(
        'TOO_DEEP',
        source,
        `the document nests deeper than ${maxDepth} levels; refusing it to keep the resolver bounded`,
      );
    }
    if (node !== null && typeof node === 'object') {
      for (const child of Object.values(node)) {
        if (child !== null && typeof child === 'object') {
          stack.push([child, depth + 1]);
        }
      }
    }
  }
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeLabel(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string`;
  return `a ${typeof value}`;
}
