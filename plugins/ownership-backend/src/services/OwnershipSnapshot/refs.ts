import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';

/** Lower-cased ref, the key under which entities are looked up (refs are case-insensitive). */
export function refKey(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** Resolves a possibly short ref (`team-a`, `group:team-a`) relative to an entity; undefined if malformed. */
export function resolveRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref.trim()) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

export function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

export function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef);
}
