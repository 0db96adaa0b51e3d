import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { groupEntity } from '../__testUtils__/exampleOrg';
import { RecordingRootLogger } from '../__testUtils__/recordingRootLogger';
import {
  ConfiguredGroupsCheck,
  type GroupCatalog,
} from './ConfiguredGroupsCheck';

/** A catalog whose contents the test changes between checks, as ingestion would. */
class IngestingCatalog implements GroupCatalog {
  entities: Entity[] = [];
  getEntitiesByRefs: GroupCatalog['getEntitiesByRefs'] = (...args) =>
    catalogServiceMock({ entities: this.entities }).getEntitiesByRefs(...args);
  queryEntities: GroupCatalog['queryEntities'] = (...args) =>
    catalogServiceMock({ entities: this.entities }).queryEntities(...args);
}

function setup(refs: string[]) {
  const catalog = new IngestingCatalog();
  const logger = new RecordingRootLogger();
  const check = new ConfiguredGroupsCheck({
    catalog,
    auth: mockServices.auth({ pluginId: 'permission' }),
    logger,
    groups: refs.map(ref => ({
      ref,
      configKey: 'plinth.permissions.exporters',
    })),
  });
  const warnings = () =>
    logger.records.filter(r => r.level === 'warn').map(r => r.fields.group);
  return { catalog, check, warnings };
}

describe('ConfiguredGroupsCheck', () => {
  it('does not warn while the catalog has no groups yet', async () => {
    const { check, warnings } = setup(['group:default/platform']);
    await check.run();
    await check.run();
    expect(warnings()).toEqual([]);
    expect(check.done).toBe(false);
  });

  it('does not warn about a group that arrives while the catalog is still ingesting', async () => {
    const { catalog, check, warnings } = setup(['group:default/platform']);
    catalog.entities = [groupEntity('billing')];
    await check.run();
    catalog.entities = [groupEntity('billing'), groupEntity('search')];
    await check.run();
    catalog.entities = [
      groupEntity('billing'),
      groupEntity('search'),
      groupEntity('platform'),
    ];
    await check.run();
    await check.run();
    expect(warnings()).toEqual([]);
    expect(check.done).toBe(true);
  });

  it('warns once about a group still missing after the catalog settled', async () => {
    const { catalog, check, warnings } = setup([
      'group:default/platform',
      'group:default/platfrom',
    ]);
    catalog.entities = [groupEntity('platform'), groupEntity('billing')];
    await check.run();
    expect(warnings()).toEqual([]);
    await check.run();
    await check.run();
    expect(warnings()).toEqual(['group:default/platfrom']);
    expect(check.done).toBe(true);
  });
});
