import {
  type Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** `{ namespace, kind, name }` of an entity, as Tech Insights stores facts under it. */
export const factEntityOf = (entity: Entity) => {
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return { kind, namespace, name };
};

/**
 * Resolves a ref written in catalog YAML the way the catalog does (default kind, the
 * entity's namespace), lower-cased for comparison; undefined when it does not parse.
 */
export function resolveRef(
  raw: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(raw.trim(), { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

export const namespaceOf = (entity: Entity) =>
  entity.metadata.namespace ?? 'default';

export const refKeyOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/** Targets of one relation type, lower-cased. */
export const relationTargets = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
