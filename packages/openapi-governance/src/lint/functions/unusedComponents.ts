import { encodePointer } from '../../resolve/jsonPointer';
import { isObject, operations, Results } from './shared';

const REFERENCED_KINDS = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
];

/**
 * Every component is referenced from somewhere other than its own definition; security
 * schemes count as used when a security requirement names them. Runs on the unresolved
 * document, where the $refs still exist.
 */
export function unusedComponents(document: unknown): Results {
  if (!isObject(document) || !isObject(document.components)) return [];
  const components = document.components;
  // Each component's own subtree is its "owner": a self-reference is not a use.
  const kindOf = new Map<object, string>();
  for (const kind of REFERENCED_KINDS) {
    if (isObject(components[kind])) kindOf.set(components[kind], kind);
  }
  const used = new Set<string>();
  const stack: Array<[unknown, string]> = [[document, '']];
  while (stack.length > 0) {
    const [node, owner] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/')) {
      const target = ref.split('/').slice(0, 4).join('/');
      if (target !== owner) used.add(target);
    }
    const kind = kindOf.get(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example') continue;
      stack.push([child, kind ? `#/components/${kind}/${escape(key)}` : owner]);
    }
  }
  const results: Results = [];
  for (const kind of REFERENCED_KINDS) {
    const entries = components[kind];
    if (!isObject(entries)) continue;
    for (const name of Object.keys(entries)) {
      if (!used.has(`#/components/${kind}/${escape(name)}`)) {
        results.push({
          message: `Component ${kind}/${name} is not used anywhere; remove it or reference it.`,
          path: ['components', kind, name],
        });
      }
    }
  }
  const usedSchemes = new Set<string>();
  const collect = (list: unknown) => {
    if (Array.isArray(list)) {
      for (const r of list)
        if (isObject(r)) Object.keys(r).forEach(k => usedSchemes.add(k));
    }
  };
  collect(document.security);
  for (const { operation } of operations(document)) collect(operation.security);
  if (isObject(components.securitySchemes)) {
    for (const name of Object.keys(components.securitySchemes)) {
      if (!usedSchemes.has(name)) {
        results.push({
          message: `Security scheme ${name} is declared but no security requirement uses it.`,
          path: ['components', 'securitySchemes', name],
        });
      }
    }
  }
  return results;
}

function escape(token: string): string {
  return encodePointer([token]).slice(1);
}
