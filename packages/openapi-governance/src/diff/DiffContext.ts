import type { LoadedSpec } from '../load/types';
import { Located, RefResolver } from '../resolve/RefResolver';
import { CHANGE_RULES, ChangeRuleId } from './rules';
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
  readonly base: RefResolver;
  readonly head: RefResolver;
  readonly now: Date;

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
    return this.base.resolve<T>(node, pointer);
  }

  resolveHead<T = any>(node: unknown, pointer: string): Located<T> {
    return this.head.resolve<T>(node, pointer);
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

/** "GET /users" — how messages name an operation. */
export function describeOperation(scope: OperationScope): string {
  return `${scope.method.toUpperCase()} ${scope.headPath}`;
}
