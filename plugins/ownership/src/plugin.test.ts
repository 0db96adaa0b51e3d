import { ownershipPlugin } from './plugin';

describe('ownership plugin', () => {
  it('provides the API, the page and both entity cards', () => {
    const ids = [
      'api:ownership',
      'page:ownership',
      'entity-card:ownership/who-to-call',
      'entity-card:ownership/group-ownership',
    ];
    for (const id of ids) {
      expect(ownershipPlugin.getExtension(id as any)).toBeDefined();
    }
  });
});
