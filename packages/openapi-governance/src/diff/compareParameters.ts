import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope, describeOperation } from './DiffContext';
import { compareSchemas, newWalk } from './compareSchemas';

interface ParameterEntry {
  key: string;
  node: Record<string, any>;
  pointer: string;
}

/**
 * Parameters of an operation (path-item level overridden by operation level), keyed by
 * location and name; path parameters by their position in the template, so renaming
 * `{id}` to `{userId}` is not a removal.
 */
export function effectiveParameters(
  resolve: (node: unknown, pointer: string) => { node: any; pointer: string },
  path: string,
  pathItem: Record<string, any>,
  pathItemPointer: string,
  operation: Record<string, any>,
  operationPointer: string,
): Map<string, ParameterEntry> {
  const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
  const result = new Map<string, ParameterEntry>();
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { node, pointer: at } = resolve(
        raw,
        joinPointer(pointer, 'parameters', i),
      );
      if (!node || typeof node.name !== 'string' || typeof node.in !== 'string')
        return;
      const index = node.in === 'path' ? templateNames.indexOf(node.name) : -1;
      const key =
        node.in === 'path' && index >= 0
          ? `path#${index}`
          : `${node.in}:${
              node.in === 'header' ? node.name.toLowerCase() : node.name
            }`;
      result.set(key, { key, node, pointer: at });
    });
  };
  add(pathItem.parameters, pathItemPointer);
  add(operation.parameters, operationPointer);
  return result;
}

export function compareParameters(
  ctx: DiffContext,
  scope: OperationScope,
  base: Map<string, ParameterEntry>,
  head: Map<string, ParameterEntry>,
) {
  const op = describeOperation(scope);
  for (const [key, b] of base) {
    const h = head.get(key);
    const label = `${b.node.in} parameter ${b.node.name}`;
    if (!h) {
      if (b.node.in === 'path') continue; // the path itself changed: the operation is re-keyed
      ctx.inBase(
        'parameter-removed',
        scope,
        b.pointer,
        `${op} no longer takes the ${label}.`,
      );
      continue;
    }
    if (b.node.required !== true && h.node.required === true) {
      ctx.inHead(
        'parameter-became-required',
        scope,
        joinPointer(h.pointer, 'required'),
        `The ${label} of ${op} became required.`,
      );
    }
    if (b.node.schema && h.node.schema) {
      const baseSchema = ctx.resolveBase(
        b.node.schema,
        joinPointer(b.pointer, 'schema'),
      );
      const headSchema = ctx.resolveHead(
        h.node.schema,
        joinPointer(h.pointer, 'schema'),
      );
      const walk = newWalk(ctx, scope, 'request', `the ${label} of ${op}`);
      walk.sentAsText = becameText(
        ctx.shapeOfBase(baseSchema).types,
        ctx.shapeOfHead(headSchema).types,
      );
      compareSchemas(
        walk,
        b.node.schema,
        joinPointer(b.pointer, 'schema'),
        h.node.schema,
        joinPointer(h.pointer, 'schema'),
        '',
      );
    }
  }
  for (const [key, h] of head) {
    if (base.has(key)) continue;
    const label = `${h.node.in} parameter ${h.node.name}`;
    if (h.node.required === true) {
      ctx.inHead(
        'new-required-parameter',
        scope,
        h.pointer,
        `${op} requires a new ${label}.`,
      );
    } else {
      ctx.inHead(
        'optional-parameter-added',
        scope,
        h.pointer,
        `${op} accepts a new optional ${label}.`,
      );
    }
  }
}

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * A parameter (query, path, header or cookie: never a body) is text on the wire, so a
 * scalar that became a plain string still accepts every value clients sent: `?id=5` is a
 * valid string. GitHub 17.0.0 -> 18.0.0 made `repository_name` such a string. A format,
 * pattern or enum on the new string is judged by its own rule.
 */
function becameText(
  base: Set<string> | undefined,
  head: Set<string> | undefined,
): boolean {
  return (
    base !== undefined &&
    [...base].every(t => SCALARS.has(t)) &&
    head !== undefined &&
    head.size === 1 &&
    head.has('string')
  );
}
