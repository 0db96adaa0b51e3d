import { encodePointer } from './jsonPointer';
import { RefResolver, isRef } from './RefResolver';

/**
 * Resolves every `$ref` in the document once, so a remote, dangling or self-looping ref
 * is reported when the document is loaded (with its location) rather than halfway
 * through a diff. Recursive schemas are fine: each ref is followed one chain at a time.
 */
export function checkRefs(root: unknown, resolver: RefResolver): void {
  const stack: Array<[unknown, Array<string | number>]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (isRef(node)) {
      resolver.resolve(node, encodePointer(path));
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push([child, [...path, i]]));
    } else {
      for (const [key, child] of Object.entries(node)) {
        // An `example` value is data: a "$ref" key inside one is not a reference.
        if (key === 'example') continue;
        stack.push([child, [...path, key]]);
      }
    }
  }
}
