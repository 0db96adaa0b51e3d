import type { LoadedSpec } from '../load/types';
import { Located, RefResolver, isRef } from '../resolve/RefResolver';
import type { PairComparison, WalkResult } from './compareSchemas';
import { CHANGE_RULES, ChangeRuleId } from './rules';
import { SchemaShape, shapeOf } from './schemaShape';
import type { Change, ChangeSeverity, DiffOptions } from './types';

/** The operation a change belongs to, as written in each document. */
export interface OperationScope {
  basePath: string;
  headPath: string;
  method: string;
}

/** Shared state of one diff: both documents, their resolvers and the collected changes. */
export class DiffContext {
  readonly changes: Change[] = [];
  /**
   * Schema pairs (base node -> head nodes) compared in full without any change, per
   * direction; shared schemas are then compared once per diff instead of once per operation.
   */
  readonly cleanSchemaPairs = {
    request: new WeakMap<object, WeakSet<object>>(),
    response: new WeakMap<object, WeakSet<object>>(),
  };
  /**
   * Every schema pair compared so far, per direction: its own findings and nested pairs.
   * A changed schema shared by many operations is compared once; each operation's walk
   * only renders the cached findings with its own subject and property path.
   */
  readonly pairComparisons = {
    request: new WeakMap<object, WeakMap<object, PairComparison>>(),
    response: new WeakMap<object, WeakMap<object, PairComparison>>(),
  };
  /** What a walk from a pair of top schemas found, per direction (see compareSchemas). */
  readonly walkResults = {
    request: new WeakMap<object, WeakMap<object, WalkResult>>(),
    response: new WeakMap<object, WeakMap<object, WalkResult>>(),
  };
  readonly base: RefResolver;
  readonly head: RefResolver;
  readonly now: Date;
  // GitHub's description has ~1,000 distinct $refs followed ~100,000 times: look each
  // target up once. A $ref's target does not depend on where the $ref is written.
  private readonly baseRefs = new Map<string, Located>();
  private readonly headRefs = new Map<string, Located>();
  private readonly baseShapes = new WeakMap<object, SchemaShape>();
  private readonly headShapes = new WeakMap<object, SchemaShape>();

  constructor(
    readonly baseSpec: LoadedSpec,
    readonly headSpec: LoadedSpec,
    readonly options: DiffOptions,
  ) {
    this.base = new RefResolver(baseSpec.document, baseSpec.source);
    this.head = new RefResolver(headSpec.document, headSpec.source);
    this.now = options.now ?? new Date();
  }

  resolveBase<T = any>(node: unknown, pointer: string): Located<T> {
    return resolveCached(this.base, this.baseRefs, node, pointer);
  }

  resolveHead<T = any>(node: unknown, pointer: string): Located<T> {
    return resolveCached(this.head, this.headRefs, node, pointer);
  }

  /** The schema's shape (allOf merged), computed once per node of the base document. */
  shapeOfBase(located: Located): SchemaShape {
    return shapeCached(this.baseShapes, located, (n, p) =>
      this.resolveBase(n, p),
    );
  }

  /** The schema's shape (allOf merged), computed once per node of the head document. */
  shapeOfHead(located: Located): SchemaShape {
    return shapeCached(this.headShapes, located, (n, p) =>
      this.resolveHead(n, p),
    );
  }

  /** Records a change at a pointer in the head document. */
  inHead(
    id: ChangeRuleId,
    scope: OperationScope | undefined,
    pointer: string,
    message: string,
    severity?: ChangeSeverity,
  ) {
    this.push(
      id,
      scope?.headPath ?? '',
      scope?.method,
      pointer,
      'head',
      message,
      severity,
    );
  }

  /** Records a change at a pointer in the base document (what was removed). */
  inBase(
    id: ChangeRuleId,
    scope: OperationScope | undefined,
    pointer: string,
    message: string,
    severity?: ChangeSeverity,
  ) {
    this.push(
      id,
      scope?.basePath ?? '',
      scope?.method,
      pointer,
      'base',
      message,
      severity,
    );
  }

  private push(
    id: ChangeRuleId,
    path: string,
    method: string | undefined,
    pointer: string,
    document: 'base' | 'head',
    message: string,
    severity?: ChangeSeverity,
  ) {
    this.changes.push({
      id,
      severity: severity ?? CHANGE_RULES[id].severity,
      location: method
        ? { path, method, pointer, document }
        : { path, pointer, document },
      message,
    });
  }
}

function resolveCached<T>(
  resolver: RefResolver,
  cache: Map<string, Located>,
  node: unknown,
  pointer: string,
): Located<T> {
  if (!isRef(node)) return { node: node as T, pointer };
  let located = cache.get(node.$ref);
  if (!located) {
    located = resolver.resolve(node, pointer);
    cache.set(node.$ref, located);
  }
  return located as Located<T>;
}

function shapeCached(
  cache: WeakMap<object, SchemaShape>,
  located: Located,
  resolve: (node: unknown, pointer: string) => Located,
): SchemaShape {
  const node = located.node;
  if (typeof node !== 'object' || node === null) {
    return shapeOf(located, resolve);
  }
  const cached = cache.get(node);
  // YAML aliases can put one node at two pointers; the shape's pointers follow the first.
  if (cached && cached.pointer === located.pointer) return cached;
  const shape = shapeOf(located, resolve);
  if (!cached) cache.set(node, shape);
  return shape;
}

/** "GET /users" — how messages name an operation. */
export function describeOperation(scope: OperationScope): string {
  return `${scope.method.toUpperCase()} ${scope.headPath}`;
}
