import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fixtureEntities } from '../../__fixtures__/fixtureCatalog';
import { CatalogOwnershipSnapshotService } from './CatalogOwnershipSnapshotService';
import { CATALOG_FIELDS, readCatalogSlice } from './readCatalogSlice';

const limits = {
  tier1MaxFirstResponseMinutes: 15,
  maxTier1ServicesPerGroup: 5,
};

function manyComponents(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  }));
}

describe('readCatalogSlice', () => {
  it('pages through the catalog with a cursor and a field projection', async () => {
    const catalog = catalogServiceMock({
      entities: [...fixtureEntities, ...manyComponents(1200)],
    });
    const query = jest.spyOn(catalog, 'queryEntities');
    const slice = await readCatalogSlice(catalog, mockServices.auth());

    expect(slice.matrixEntities).toHaveLength(1210);
    expect(slice.policies).toHaveLength(6);
    expect(slice.groups).toHaveLength(4);
    expect(slice.users).toHaveLength(2);
    expect(slice.systems).toHaveLength(1);
    expect(query).toHaveBeenCalledTimes(3);
    expect(query.mock.calls[0][0]).toMatchObject({
      limit: 500,
      fields: CATALOG_FIELDS,
    });
    expect(query.mock.calls[1][0]).toMatchObject({
      cursor: expect.any(String),
    });
  });

  it('reads with the plugin own service credentials', async () => {
    const catalog = catalogServiceMock({ entities: fixtureEntities });
    const query = jest.spyOn(catalog, 'queryEntities');
    await readCatalogSlice(
      catalog,
      mockServices.auth({ pluginId: 'ownership' }),
    );
    const options = query.mock.calls[0][1] as {
      credentials: BackstageCredentials;
    };
    expect(options.credentials.principal).toMatchObject({
      type: 'service',
      subject: 'plugin:ownership',
    });
  });
});

describe('CatalogOwnershipSnapshotService', () => {
  function create(
    catalog = catalogServiceMock({ entities: fixtureEntities }),
    emptyRetryMs?: number,
  ) {
    return new CatalogOwnershipSnapshotService({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      limits,
      emptyRetryMs,
    });
  }

  it('rebuilds an empty snapshot on request once the catalog has entities', async () => {
    const warmingUp = catalogServiceMock({ entities: [] });
    const loaded = catalogServiceMock({ entities: fixtureEntities });
    const service = create(warmingUp, 0);
    expect((await service.getSnapshot()).rows).toHaveLength(0);
    jest
      .spyOn(warmingUp, 'queryEntities')
      .mockImplementation((request, options) =>
        loaded.queryEntities(request, options),
      );
    expect((await service.getSnapshot()).rows).toHaveLength(10);
  });

  it('rebuilds an empty snapshot at most once per retry interval', async () => {
    const warmingUp = catalogServiceMock({ entities: [] });
    const query = jest.spyOn(warmingUp, 'queryEntities');
    const service = create(warmingUp, 60_000);
    await service.getSnapshot();
    const readsForFirstSnapshot = query.mock.calls.length;
    await service.getSnapshot();
    await service.getSnapshot();
    expect(query).toHaveBeenCalledTimes(readsForFirstSnapshot);
  });

  it('builds the first snapshot on the first request', async () => {
    const snapshot = await create().getSnapshot();
    expect(snapshot.rows).toHaveLength(10);
  });

  it('serves later requests from the snapshot without reading the catalog', async () => {
    const catalog = catalogServiceMock({ entities: fixtureEntities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const service = create(catalog);
    await service.getSnapshot();
    await service.getSnapshot();
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('shares one catalog read between concurrent first requests', async () => {
    const catalog = catalogServiceMock({ entities: fixtureEntities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const service = create(catalog);
    await Promise.all([service.getSnapshot(), service.getSnapshot()]);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('keeps serving the previous snapshot when a refresh fails', async () => {
    const catalog = catalogServiceMock({ entities: fixtureEntities });
    const service = create(catalog);
    const first = await service.getSnapshot();
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog down'));
    await service.refresh();
    expect(await service.getSnapshot()).toBe(first);
  });

  it('answers ServiceUnavailable when there is no snapshot and the catalog fails', async () => {
    const catalog = catalogServiceMock({ entities: fixtureEntities });
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog down'));
    await expect(create(catalog).getSnapshot()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
  });
});
