import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** Reads entities with the module's own service credentials (retrievers run on behalf of nobody). */
export class CatalogReader {
  constructor(
    private readonly catalog: Pick<CatalogService, 'getEntities'>,
    private readonly auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  ) {}

  async entities(
    filter: Record<string, string | string[]>,
    fields?: string[],
  ): Promise<Entity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      { filter, ...(fields ? { fields } : {}) },
      { credentials },
    );
    return items;
  }
}
