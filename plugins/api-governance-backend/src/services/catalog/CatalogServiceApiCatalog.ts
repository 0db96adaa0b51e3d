import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  RELATION_API_CONSUMED_BY,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  API_FAMILY_ANNOTATION,
  DEPRECATED_AT_ANNOTATION,
  SUNSET_AT_ANNOTATION,
} from '@plinth/plugin-api-governance-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ApiCatalog, ApiEntity, ConsumerEntity } from './types';

/** Only what governance reads: definitions can be megabytes, the rest is small. */
const API_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.definition',
  'relations',
];

const CONSUMER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
];

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

function toApiEntity(entity: Entity): ApiEntity {
  const annotations = entity.metadata.annotations ?? {};
  const family = annotations[API_FAMILY_ANNOTATION]?.trim();
  return {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title,
    family: family || undefined,
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    lifecycle:
      typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : '',
    owner: ownerRef(entity),
    deprecatedAt: annotations[DEPRECATED_AT_ANNOTATION],
    sunsetAt: annotations[SUNSET_AT_ANNOTATION],
    definition: entity.spec?.definition,
    consumerRefs: (entity.relations ?? [])
      .filter(r => r.type === RELATION_API_CONSUMED_BY)
      .map(r => r.targetRef)
      .sort(),
  };
}

/** ApiCatalog over Backstage's catalog service. */
export class CatalogServiceApiCatalog implements ApiCatalog {
  constructor(private readonly catalog: CatalogService) {}

  async listFamilyApis(
    credentials: BackstageCredentials,
  ): Promise<ApiEntity[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${API_FAMILY_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: API_FIELDS,
      },
      { credentials },
    );
    return items.map(toApiEntity).filter(api => api.family);
  }

  async getApi(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ApiEntity | undefined> {
    const {
      items: [entity],
    } = await this.catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: API_FIELDS },
      { credentials },
    );
    return entity && entity.kind.toLocaleLowerCase('en-US') === 'api'
      ? toApiEntity(entity)
      : undefined;
  }

  async getConsumers(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<ConsumerEntity[]> {
    if (entityRefs.length === 0) return [];
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs, fields: CONSUMER_FIELDS },
      { credentials },
    );
    return items
      .filter((e): e is Entity => !!e)
      .map(entity => ({
        entityRef: stringifyEntityRef(entity),
        kind: entity.kind,
        title: entity.metadata.title,
        owner: ownerRef(entity),
      }));
  }
}
