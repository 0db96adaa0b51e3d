import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
} from '@plinth/plugin-pipeline-health-common';

/**
 * Every entity that names a consumer group or a ClickHouse table, read with the plugin's
 * own credentials (the collectors poll for everyone; each request is permission-checked).
 * Only the fields the annotations need.
 */
export async function readAnnotatedEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${KAFKA_CONSUMER_GROUPS_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${CLICKHOUSE_TABLE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items;
}
