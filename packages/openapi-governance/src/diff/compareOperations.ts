import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope, describeOperation } from './DiffContext';
import { compareParameters, effectiveParameters } from './compareParameters';
import { compareRequestBodies } from './compareRequestBodies';
import { compareResponses } from './compareResponses';
import { compareSecurity, effectiveSecurity } from './compareSecurity';
import { sunsetOf } from './sunset';

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

interface OperationEntry {
  path: string;
  method: string;
  pathItem: Record<string, any>;
  pathItemPointer: string;
  operation: Record<string, any>;
  pointer: string;
}

/** `/users/{id}` and `/users/{userId}` are the same route: match on the template shape. */
export function routeKey(path: string, method: string): string {
  return `${path.replace(/\{[^}]+\}/g, '{}')} ${method}`;
}

function operationsOf(
  resolve: (node: unknown, pointer: string) => { node: any; pointer: string },
  document: Record<string, any>,
): Map<string, OperationEntry> {
  const result = new Map<string, OperationEntry>();
  for (const [path, raw] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/')) continue;
    const { node: pathItem, pointer: pathItemPointer } = resolve(
      raw,
      joinPointer('/paths', path),
    );
    if (!pathItem || typeof pathItem !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation || typeof operation !== 'object') continue;
      result.set(routeKey(path, method), {
        path,
        method,
        pathItem,
        pathItemPointer,
        operation,
        pointer: joinPointer(pathItemPointer, method),
      });
    }
  }
  return result;
}

export function compareOperations(ctx: DiffContext) {
  const baseDoc = ctx.baseSpec.document as Record<string, any>;
  const headDoc = ctx.headSpec.document as Record<string, any>;
  const baseOps = operationsOf((n, p) => ctx.resolveBase(n, p), baseDoc);
  const headOps = operationsOf((n, p) => ctx.resolveHead(n, p), headDoc);

  for (const [key, b] of baseOps) {
    const h = headOps.get(key);
    if (!h) {
      reportRemoval(ctx, b, baseDoc.info);
      continue;
    }
    const scope: OperationScope = {
      basePath: b.path,
      headPath: h.path,
      method: b.method,
    };
    if (b.operation.deprecated !== true && h.operation.deprecated === true) {
      ctx.inHead(
        'operation-deprecated',
        scope,
        joinPointer(h.pointer, 'deprecated'),
        `${describeOperation(scope)} is now deprecated.`,
      );
    }
    compareParameters(
      ctx,
      scope,
      effectiveParameters(
        (n, p) => ctx.resolveBase(n, p),
        b.path,
        b.pathItem,
        b.pathItemPointer,
        b.operation,
        b.pointer,
      ),
      effectiveParameters(
        (n, p) => ctx.resolveHead(n, p),
        h.path,
        h.pathItem,
        h.pathItemPointer,
        h.operation,
        h.pointer,
      ),
    );
    compareRequestBodies(
      ctx,
      scope,
      b.operation,
      b.pointer,
      h.operation,
      h.pointer,
    );
    compareResponses(
      ctx,
      scope,
      b.operation,
      b.pointer,
      h.operation,
      h.pointer,
    );
    compareSecurity(
      ctx,
      scope,
      effectiveSecurity(baseDoc, b.operation, b.pointer),
      effectiveSecurity(headDoc, h.operation, h.pointer),
    );
  }
  for (const [key, h] of headOps) {
    if (baseOps.has(key)) continue;
    const scope: OperationScope = {
      basePath: h.path,
      headPath: h.path,
      method: h.method,
    };
    ctx.inHead(
      'operation-added',
      scope,
      h.pointer,
      `${describeOperation(scope)} was added.`,
    );
  }
}

function reportRemoval(
  ctx: DiffContext,
  b: OperationEntry,
  info: Record<string, any>,
) {
  const scope: OperationScope = {
    basePath: b.path,
    headPath: b.path,
    method: b.method,
  };
  const op = describeOperation(scope);
  if (b.operation.deprecated !== true) {
    ctx.inBase(
      'operation-removed',
      scope,
      b.pointer,
      `${op} was removed without being deprecated first.`,
    );
    return;
  }
  const sunset = sunsetOf(b.operation, info, ctx.options.sunsetAt);
  if (!sunset?.date) {
    ctx.inBase(
      'deprecated-operation-removed',
      scope,
      b.pointer,
      sunset
        ? `${op} was removed; it was deprecated but its sunset date "${sunset.raw}" is not a date.`
        : `${op} was removed; it was deprecated but had no sunset date, so clients may still call it.`,
    );
    return;
  }
  const day = sunset.date.toISOString().slice(0, 10);
  if (sunset.date.getTime() > ctx.now.getTime()) {
    ctx.inBase(
      'operation-removed-before-sunset',
      scope,
      b.pointer,
      `${op} was removed before its sunset on ${day}.`,
    );
  } else {
    ctx.inBase(
      'operation-removed-after-sunset',
      scope,
      b.pointer,
      `${op} was removed after its sunset on ${day}.`,
    );
  }
}
