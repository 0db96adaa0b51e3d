import { SpecInputError } from '../errors';
import { decodePointer } from './jsonPointer';

/** A node reached through zero or more `$ref`s, with the pointer where it really lives. */
export interface Located<T = any> {
  node: T;
  pointer: string;
}

/**
 * Follows local `$ref`s (`#/json/pointer`) on demand. It never builds a dereferenced
 * copy of the document, so recursive schemas cost nothing here: callers that walk
 * schemas keep their own visited set. Remote and relative-file refs are refused.
 */
export class RefResolver {
  constructor(
    private readonly root: unknown,
    private readonly source: string,
  ) {}

  /** Follows `$ref` chains from `node` (found at `pointer`) to a non-ref node. */
  resolve<T = any>(node: unknown, pointer: string): Located<T> {
    let current: unknown = node;
    let currentPointer = pointer;
    const seen = new Set<string>();
    while (isRef(current)) {
      const ref = current.$ref;
      if (seen.has(ref)) {
        throw new SpecInputError(
          'CIRCULAR_REF',
          this.source,
          `$ref "${ref}" at ${pointer} points back to itself through a chain of $refs`,
        );
      }
      seen.add(ref);
      currentPointer = this.targetPointer(ref, currentPointer);
      current = this.lookup(currentPointer, ref, pointer);
    }
    return { node: current as T, pointer: currentPointer };
  }

  private targetPointer(ref: string, at: string): string {
    if (!ref.startsWith('#')) {
      throw new SpecInputError(
        'REMOTE_REF',
        this.source,
        `$ref "${ref}" at ${
          at || '/'
        } points outside the document; only local refs ("#/...") are resolved. Bundle the document first (e.g. redocly bundle)`,
      );
    }
    let fragment: string;
    try {
      fragment = decodeURIComponent(ref.slice(1));
    } catch {
      throw new SpecInputError(
        'UNRESOLVED_REF',
        this.source,
        `$ref "${ref}" at ${at || '/'} is not a valid URI fragment`,
      );
    }
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new SpecInputError(
        'UNRESOLVED_REF',
        this.source,
        `$ref "${ref}" at ${
          at || '/'
        } is not a JSON pointer (anchors are not supported)`,
      );
    }
    return fragment;
  }

  private lookup(pointer: string, ref: string, at: string): unknown {
    let node: any = this.root;
    for (const token of decodePointer(pointer)) {
      const next =
        node !== null &&
        typeof node === 'object' &&
        Object.prototype.hasOwnProperty.call(node, token)
          ? node[token]
          : undefined;
      if (next === undefined) {
        throw new SpecInputError(
          'UNRESOLVED_REF',
          this.source,
          `$ref "${ref}" at ${
            at || '/'
          } does not resolve: nothing at "${token}"`,
        );
      }
      node = next;
    }
    return node;
  }
}

export function isRef(node: unknown): node is { $ref: string } {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as { $ref?: unknown }).$ref === 'string'
  );
}
