import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope, describeOperation } from './DiffContext';

/** One alternative of a security requirement list: every scheme in it applies together. */
interface Alternative {
  key: string;
  scopes: Map<string, Set<string>>;
}

interface EffectiveSecurity {
  alternatives: Map<string, Alternative>;
  /** An empty list, or an empty object in the list, lets callers in without credentials. */
  anonymous: boolean;
  pointer: string;
}

export function effectiveSecurity(
  document: Record<string, any>,
  operation: Record<string, any>,
  operationPointer: string,
): EffectiveSecurity {
  const own = Array.isArray(operation.security);
  let list: unknown[] = [];
  if (own) list = operation.security;
  else if (Array.isArray(document.security)) list = document.security;
  const alternatives = new Map<string, Alternative>();
  let anonymous = list.length === 0;
  for (const requirement of list) {
    if (!requirement || typeof requirement !== 'object') continue;
    const schemes = Object.keys(requirement).sort();
    if (schemes.length === 0) {
      anonymous = true;
      continue;
    }
    const scopes = new Map<string, Set<string>>();
    for (const scheme of schemes) {
      const value = (requirement as Record<string, unknown>)[scheme];
      scopes.set(
        scheme,
        new Set(Array.isArray(value) ? value.map(String) : []),
      );
    }
    alternatives.set(schemes.join(' + '), { key: schemes.join(' + '), scopes });
  }
  return {
    alternatives,
    anonymous,
    pointer: own ? joinPointer(operationPointer, 'security') : '/security',
  };
}

export function compareSecurity(
  ctx: DiffContext,
  scope: OperationScope,
  base: EffectiveSecurity,
  head: EffectiveSecurity,
) {
  const op = describeOperation(scope);
  if (base.anonymous && !head.anonymous) {
    ctx.inHead(
      'security-requirement-added',
      scope,
      head.pointer,
      `${op} now requires authentication (${[...head.alternatives.keys()].join(
        ' or ',
      )}).`,
    );
  }
  for (const [key, b] of base.alternatives) {
    const h = head.alternatives.get(key);
    if (!h) {
      if (!head.anonymous) {
        ctx.inBase(
          'security-alternative-removed',
          scope,
          base.pointer,
          `${op} no longer accepts authentication with ${key}.`,
        );
      }
      continue;
    }
    for (const [scheme, baseScopes] of b.scopes) {
      const headScopes = h.scopes.get(scheme) ?? new Set<string>();
      for (const s of headScopes) {
        if (!baseScopes.has(s)) {
          ctx.inHead(
            'security-scope-added',
            scope,
            head.pointer,
            `${op} now needs the ${scheme} scope ${s}; tokens issued without it will be refused.`,
          );
        }
      }
      for (const s of baseScopes) {
        if (!headScopes.has(s)) {
          ctx.inHead(
            'security-scope-removed',
            scope,
            head.pointer,
            `${op} no longer needs the ${scheme} scope ${s}.`,
          );
        }
      }
    }
  }
  if (!base.anonymous) {
    for (const key of head.alternatives.keys()) {
      if (!base.alternatives.has(key)) {
        ctx.inHead(
          'security-alternative-added',
          scope,
          head.pointer,
          `${op} also accepts authentication with ${key}.`,
        );
      }
    }
  }
}
