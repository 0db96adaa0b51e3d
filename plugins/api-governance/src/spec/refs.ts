import { isRecord } from './parseApiDefinition';

/** What following a `$ref` gave: the target, or why there is none. */
export type Resolved =
  | { kind: 'value'; value: unknown; ref?: string }
  | { kind: 'external'; ref: string }
  | { kind: 'missing'; ref: string }
  | { kind: 'cycle'; ref: string };

/** A chain of `$ref`s to `$ref`s longer than this is treated as a cycle. */
const MAX_CHAIN = 32;

/** Reads a local JSON pointer (`#/components/schemas/User`) in the document. */
export function readPointer(document: unknown, ref: string): unknown {
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (Array.isArray(node)) {
      node = node[Number(segment)];
    } else if (
      isRecord(node) &&
      Object.prototype.hasOwnProperty.call(node, segment)
    ) {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * Follows `$ref` (and `$ref` to `$ref`) to the target. Only local references are followed:
 * the browser never fetches another document. `seen` holds the references already open
 * above this node, so a schema that contains itself is reported instead of expanded forever.
 */
export function resolve(
  document: unknown,
  node: unknown,
  seen: ReadonlySet<string> = new Set(),
): Resolved {
  let current = node;
  let firstRef: string | undefined;
  const chain = new Set<string>();
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    firstRef ??= ref;
    if (!ref.startsWith('#')) return { kind: 'external', ref };
    if (seen.has(ref) || chain.has(ref) || chain.size >= MAX_CHAIN) {
      return { kind: 'cycle', ref };
    }
    chain.add(ref);
    const target = readPointer(document, ref);
    if (target === undefined) return { kind: 'missing', ref };
    current = target;
  }
  return { kind: 'value', value: current, ref: firstRef };
}

/** The target of a reference, or undefined when it cannot be followed (for labels and lists). */
export function resolveValue(document: unknown, node: unknown): unknown {
  const resolved = resolve(document, node);
  return resolved.kind === 'value' ? resolved.value : undefined;
}

/** `#/components/schemas/User` -> `User`: how readers know a schema. */
export function refName(ref: string): string {
  const last = ref.split('/').pop() ?? ref;
  return last.replace(/~1/g, '/').replace(/~0/g, '~');
}
