import type { IFunctionResult } from '@stoplight/spectral-core';

export type Path = Array<string | number>;
export type Results = IFunctionResult[];

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each operation of a (resolved) document with its JSON path. */
export function* operations(document: Record<string, any>): Generator<{
  path: string;
  method: string;
  operation: Record<string, any>;
  at: Path;
}> {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) {
        yield { path, method, operation, at: ['paths', path, method] };
      }
    }
  }
}

/** Property names of an object schema, following allOf (the usual way to extend Problem). */
export function propertyNames(schema: unknown, depth = 0): Set<string> {
  const names = new Set<string>();
  if (!isObject(schema) || depth > 16) return names;
  if (isObject(schema.properties)) {
    for (const name of Object.keys(schema.properties)) names.add(name);
  }
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      for (const name of propertyNames(member, depth + 1)) names.add(name);
    }
  }
  return names;
}
