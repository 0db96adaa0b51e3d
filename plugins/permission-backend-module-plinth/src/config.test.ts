import { ConfigReader } from '@backstage/config';
import { readPlinthPermissionsConfig } from './config';

function read(permissions: unknown) {
  return readPlinthPermissionsConfig(
    new ConfigReader({ plinth: { permissions } } as any),
  );
}

describe('readPlinthPermissionsConfig', () => {
  it('defaults to the platform team and a read-only automation token', () => {
    const config = readPlinthPermissionsConfig(new ConfigReader({}));
    expect(config.exporters).toEqual(['group:default/platform']);
    expect(config.administrators).toEqual(['group:default/platform']);
    expect([...config.automation.get('automation')!.allow]).toEqual([
      'catalog.entity.read',
      'catalog.location.read',
      'ownership.matrix.read',
    ]);
  });

  it('normalises group references to lower case, with the default namespace', () => {
    expect(
      read({ exporters: ['Group:SRE', 'group:ops/On-Call'] }).exporters,
    ).toEqual(['group:default/sre', 'group:ops/on-call']);
  });

  it('lets an empty exporters list grant nobody', () => {
    expect(read({ exporters: [] }).exporters).toEqual([]);
  });

  it('names the key of a reference without a kind', () => {
    expect(() =>
      read({ exporters: ['group:default/platform', 'platform'] }),
    ).toThrow(
      "plinth.permissions.exporters[1]: 'platform' is not an entity reference; write group:<namespace>/<name>",
    );
  });

  it('names the key of a malformed reference', () => {
    expect(() => read({ administrators: ['group:default/'] })).toThrow(
      "plinth.permissions.administrators[0]: 'group:default/' is not an entity reference",
    );
  });

  it('refuses a user where a group is expected', () => {
    expect(() => read({ exporters: ['user:default/ana'] })).toThrow(
      "plinth.permissions.exporters[0]: 'user:default/ana' is a user reference",
    );
  });

  it('replaces the default automation grants with the configured ones', () => {
    const { automation } = read({
      automation: [{ subject: 'ci', allow: ['catalog.entity.read'] }],
    });
    expect([...automation.keys()]).toEqual(['ci']);
  });

  it('refuses to grant a backend plugin subject', () => {
    expect(() =>
      read({ automation: [{ subject: 'plugin:catalog', allow: [] }] }),
    ).toThrow(
      "plinth.permissions.automation[0].subject: 'plugin:catalog' is a backend plugin",
    );
  });

  it('refuses a subject listed twice', () => {
    expect(() =>
      read({
        automation: [
          { subject: 'ci', allow: [] },
          { subject: 'ci', allow: [] },
        ],
      }),
    ).toThrow("plinth.permissions.automation[1].subject: 'ci' is listed twice");
  });

  it('refuses an allow entry that is not a permission name', () => {
    expect(() =>
      read({ automation: [{ subject: 'ci', allow: ['catalog entity read'] }] }),
    ).toThrow(
      "plinth.permissions.automation[0].allow[0]: 'catalog entity read' is not a permission name",
    );
  });
});
