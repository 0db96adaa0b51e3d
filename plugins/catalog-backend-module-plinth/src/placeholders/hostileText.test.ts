import { promises as fs } from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventually } from '@plinth/testing';
import { processingErrorRecorder } from '../__testUtils__/processingErrorRecorder';
import catalogModulePlinth from '..';

// The real catalog reading a file location whose entities point `$text` at files outside
// their directory in every way we know: each must be refused and reported against that
// entity, with the path, and the secret must never reach the catalog.
const SECRET = 'do-not-read-this-secret';

jest.setTimeout(60_000);

describe('$text placeholders through the real catalog', () => {
  let dir: string;
  let catalogFile: string;
  let baseUrl: string;
  let stop: (() => Promise<void>) | undefined;

  const { module: recordErrors, errors: processingErrors } =
    processingErrorRecorder();

  const api = (name: string, target: string) => `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
spec:
  type: openapi
  lifecycle: production
  owner: group:default/team-a
  definition:
    $text: ${JSON.stringify(target)}
`;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-hostile-text-'));
    const catalog = path.join(dir, 'catalog');
    await fs.mkdir(path.join(catalog, 'openapi'), { recursive: true });
    await fs.writeFile(path.join(dir, 'secret.txt'), SECRET);
    await fs.writeFile(
      path.join(catalog, 'openapi', 'users.yaml'),
      'openapi: 3.0.3',
    );
    await fs.symlink(dir, path.join(catalog, 'outside'));
    await fs.symlink(
      path.join(dir, 'secret.txt'),
      path.join(catalog, 'link.yaml'),
    );
    catalogFile = path.join(catalog, 'apis.yaml');
    await fs.writeFile(
      catalogFile,
      [
        api('good-api', './openapi/users.yaml'),
        api('symlinked-dir-api', './outside/secret.txt'),
        api('symlinked-file-api', './link.yaml'),
        api('dotdot-api', '../secret.txt'),
        api('absolute-api', path.join(dir, 'secret.txt')),
      ].join(''),
    );

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModulePlinth,
        recordErrors,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['API', 'Location'] }],
              locations: [{ type: 'file', target: catalogFile }],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const apiEntity = async (name: string): Promise<Entity | undefined> => {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/api/default/${name}`,
      {
        headers: { Authorization: mockCredentials.user.header() },
      },
    );
    return res.status === 200 ? ((await res.json()) as Entity) : undefined;
  };

  const errorsFor = (name: string) =>
    eventually(
      `a processing error for api:default/${name}`,
      () => [
        ...new Set(
          processingErrors
            .filter(e => e.entityRef === `api:default/${name}`)
            .map(e => e.message),
        ),
      ],
      { until: messages => messages.length > 0 },
    );

  it('reads a normal relative file', async () => {
    const good = await eventually(
      'good-api in the catalog',
      () => apiEntity('good-api'),
      { until: (e): e is Entity => e !== undefined },
    );
    expect(good.spec?.definition).toBe('openapi: 3.0.3');
  });

  it.each([
    ['symlinked-dir-api', './outside/secret.txt', /may only read files inside/],
    ['symlinked-file-api', './link.yaml', /may only read files inside/],
    ['dotdot-api', '../secret.txt', /may only read files inside/],
  ])(
    'refuses %s ($text %s) and reports it against that entity',
    async (name, target, reason) => {
      const [message] = await errorsFor(name);
      expect(message).toContain(
        `Placeholder $text "${target}" in ${catalogFile}`,
      );
      expect(message).toMatch(reason);
      expect(message).not.toContain(SECRET);
      expect(await apiEntity(name)).toBeUndefined();
    },
  );

  it('refuses an absolute path and reports it against that entity', async () => {
    const [message] = await errorsFor('absolute-api');
    expect(message).toContain(
      `Placeholder $text "${path.join(dir, 'secret.txt')}" in ${catalogFile}`,
    );
    expect(message).toMatch(/must use a path relative to the entity file/);
    expect(await apiEntity('absolute-api')).toBeUndefined();
  });

  it('never lets the secret into the catalog', async () => {
    // Only meaningful once every entity of the file has been processed.
    await Promise.all(
      [
        'symlinked-dir-api',
        'symlinked-file-api',
        'dotdot-api',
        'absolute-api',
      ].map(errorsFor),
    );
    await eventually('good-api in the catalog', () => apiEntity('good-api'), {
      until: e => e !== undefined,
    });
    const res = await fetch(`${baseUrl}/api/catalog/entities`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    expect(await res.text()).not.toContain(SECRET);
  });
});
