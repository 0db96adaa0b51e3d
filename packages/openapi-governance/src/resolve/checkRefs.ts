import { encodePointer } from './jsonPointer';
import { RefResolver, isRef } from './RefResolver';

/** A node on the walk; the path is rebuilt from the parent links only for a $ref. */
interface Frame {
  node: unknown;
  parent: Frame | undefined;
  key: string | number;
}

/**
 * Resolves every `$ref` in the document once, so a remote, dangling or self-looping ref
 * is reported when the document is loaded (with its location) rather than halfway
 * through a diff. Recursive schemas are fine: each ref is followed one chain at a time.
 */
export function checkRefs(root: unknown, resolver: RefResolver): void {
  // Parent links instead of a path array per node: GitHub's description has ~1M nodes,
  // and copying the path for each of them was most of the load time.
  const stack: Frame[] = [{ node: root, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (node === null || typeof node !== 'object') continue;
    if (isRef(node)) {
      resolver.resolve(node, encodePointer(pathOf(frame)));
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (child !== null && typeof child === 'object') {
          stack.push({ node: child, parent: frame, key: i });
        }
      }
    } else {
      const exampleObject = isExampleObject(frame);
      for (const key in node) {
        if (
          !Object.prototype.hasOwnProperty.call(node, key) ||
          isExampleData(key, node, exampleObject)
        )
          continue;
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          stack.push({ node: child, parent: frame, key });
        }
      }
    }
  }
}

const EXAMPLE_OBJECT_FIELDS = new Set([
  'summary',
  'description',
  'value',
  'externalValue',
]);

/** An entry of an `examples` map (media type, parameter, components) that is no $ref. */
function isExampleObject(frame: Frame): boolean {
  if (frame.parent?.key !== 'examples') return false;
  const keys = Object.keys(frame.node as object);
  return (
    keys.includes('value') &&
    keys.every(k => EXAMPLE_OBJECT_FIELDS.has(k) || k.startsWith('x-'))
  );
}

/**
 * Example values are data: a "$ref" key inside one is not a reference (GitHub's SCIM
 * examples hold `{ "$ref": "https://api.github.com/scim/v2/..." }` member links). That is a
 * schema's `example`, the `examples` array of a 3.1 schema, and an Example Object's `value`.
 */
function isExampleData(
  key: string,
  node: object,
  exampleObject: boolean,
): boolean {
  if (key === 'example') return true;
  if (key === 'examples') {
    return Array.isArray((node as Record<string, unknown>).examples);
  }
  return key === 'value' && exampleObject;
}

function pathOf(frame: Frame): Array<string | number> {
  const path: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) {
    path.push(f.key);
  }
  return path.reverse();
}
