import {
  type Entity,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { parseApiDefinition } from '../../spec/parseApiDefinition';
import { API_FAMILY_ANNOTATION } from '@plinth/plugin-api-governance-common';
import { catalogVersionLine, type CatalogVersionLine } from '../../versioning';

export type BusinessContext = {
  systemRef?: string;
  /** The system's domain; undefined when the API has no system or the system no domain. */
  domainRef?: string;
  /** Set when spec.system names a system the catalog does not have. */
  missingSystem?: boolean;
};

/** A component (or resource) that provides or consumes the API, and what else it uses. */
export type DependencyParty = {
  entityRef: string;
  title: string;
  owner?: string;
  /** APIs it consumes and components/resources it depends on, other than this API. */
  dependsOn: string[];
  /** Set when the relation names an entity the catalog does not have. */
  missing?: boolean;
};

export type DependencyMap = {
  providers: DependencyParty[];
  consumers: DependencyParty[];
};

const refsOf = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);

/** The API's system and domain, from spec.system and the system's spec.domain. */
export function useBusinessContext(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const system = entity.spec?.system;
  return useAsync(async (): Promise<BusinessContext> => {
    if (typeof system !== 'string' || system === '') return {};
    const systemRef = stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
    const systemEntity = await catalogApi.getEntityByRef(systemRef);
    if (!systemEntity) return { systemRef, missingSystem: true };
    const domain = systemEntity.spec?.domain;
    return {
      systemRef,
      domainRef:
        typeof domain === 'string' && domain !== ''
          ? stringifyEntityRef(
              parseEntityRef(domain, {
                defaultKind: 'domain',
                defaultNamespace: systemEntity.metadata.namespace ?? 'default',
              }),
            )
          : undefined,
    };
  }, [catalogApi, system, entity.metadata.namespace]);
}

/**
 * The family's lines as the catalog knows them: every API entity with the same
 * `plinth.dev/api-family`, newest major first by name order of their semver.
 */
export function useFamilyLines(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const family = entity.metadata.annotations?.[API_FAMILY_ANNOTATION];
  return useAsync(async (): Promise<CatalogVersionLine[] | undefined> => {
    if (!family) return undefined;
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'API',
        [`metadata.annotations.${API_FAMILY_ANNOTATION}`]: family,
      },
    });
    return items
      .map(line => {
        const parsed = parseApiDefinition(line);
        const version =
          parsed.ok && typeof parsed.document.info?.version === 'string'
            ? parsed.document.info.version
            : undefined;
        return catalogVersionLine(line, stringifyEntityRef(line), version);
      })
      .sort(compareLines);
  }, [catalogApi, family]);
}

/** Oldest line first, by semver when both have one, else by name. */
function compareLines(a: CatalogVersionLine, b: CatalogVersionLine): number {
  if (a.semver && b.semver) {
    const pa = a.semver.split(/[.+-]/).map(Number);
    const pb = b.semver.split(/[.+-]/).map(Number);
    for (let i = 0; i < 3; i++) {
      const d = (pa[i] || 0) - (pb[i] || 0);
      if (d !== 0) return d;
    }
  }
  return a.name.localeCompare(b.name);
}

/**
 * Providers (apiProvidedBy) and consumers (apiConsumedBy) with their owners, and what each
 * of them depends on besides this API: the API's place among upstream and downstream systems.
 */
export function useDependencyMap(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const selfRef = stringifyEntityRef(entity);
  const providerRefs = refsOf(entity, RELATION_API_PROVIDED_BY);
  const consumerRefs = refsOf(entity, RELATION_API_CONSUMED_BY);
  const key = `${providerRefs.join(',')}|${consumerRefs.join(',')}`;
  return useAsync(async (): Promise<DependencyMap> => {
    const refs = [...new Set([...providerRefs, ...consumerRefs])];
    if (refs.length === 0) return { providers: [], consumers: [] };
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata', 'spec.owner', 'relations'],
    });
    const byRef = new Map<string, Entity>();
    items.forEach((item, i) => {
      if (item) byRef.set(refs[i], item);
    });
    const party = (ref: string): DependencyParty => {
      const found = byRef.get(ref);
      if (!found) {
        return {
          entityRef: ref,
          title: parseEntityRef(ref).name,
          dependsOn: [],
          missing: true,
        };
      }
      return {
        entityRef: ref,
        title: found.metadata.title ?? found.metadata.name,
        owner:
          typeof found.spec?.owner === 'string' ? found.spec.owner : undefined,
        dependsOn: [
          ...refsOf(found, RELATION_CONSUMES_API),
          ...refsOf(found, RELATION_DEPENDS_ON),
        ].filter(ref2 => ref2 !== selfRef),
      };
    };
    return {
      providers: providerRefs.map(party),
      consumers: consumerRefs.map(party),
    };
    // The relation lists are compared by content, not identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key, selfRef]);
}
