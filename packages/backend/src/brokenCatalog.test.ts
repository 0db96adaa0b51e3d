import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogUnprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import catalogPlinthModule from '@plinth/plugin-catalog-backend-module-plinth';
import { eventually } from '@plinth/testing';

// A catalog with one good file and three broken ones: the portal must keep serving
// the good entities and say, per location, what is wrong with the others.
const fixtures = path.resolve(__dirname, '__fixtures__/broken-catalog');
const location = (file: string) => ({
  type: 'file',
  target: path.join(fixtures, file),
});

type FailedEntity = {
  unprocessed_entity: { kind: string; metadata: { name: string } };
  errors?: Array<{ name: string; message: string }>;
};

jest.setTimeout(60_000);

describe('catalog with broken files', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const auth = mockCredentials.user.header();

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogUnprocessedModule,
        catalogPlinthModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'Location', 'Gadget'] }],
              locations: [
                location('healthy.yaml'),
                location('invalid-yaml.yaml'),
                location('missing-owner.yaml'),
                location('unknown-kind.yaml'),
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const entityNames = async () => {
    const res = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ fields: 'kind,metadata.name' })
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ metadata: { name: string } }>).map(
      e => e.metadata.name,
    );
  };

  // Entities that fail validation never reach the final table, so the unprocessed-entities
  // module lists them as "pending" with their errors; "failed" holds ones that regressed.
  const failedEntities = async () => {
    const lists = await Promise.all(
      ['failed', 'pending'].map(async reason => {
        const res = await request(server)
          .get(`/api/catalog/entities/unprocessed/${reason}`)
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        return res.body.entities as FailedEntity[];
      }),
    );
    return lists.flat().filter(e => (e.errors ?? []).length > 0);
  };

  const errorsMentioning = (failed: FailedEntity[], text: string) =>
    failed
      .flatMap(f => f.errors ?? [])
      .map(e => e.message)
      .filter(message => message.includes(text));

  const unprocessedNamed = (failed: FailedEntity[], name: string) =>
    failed.find(e => e.unprocessed_entity.metadata.name === name);

  it('serves the valid entities from the healthy file', async () => {
    const names = await eventually(
      'both entities of the healthy file',
      entityNames,
      {
        until: n =>
          n.includes('fixture-team') && n.includes('fixture-healthy-service'),
      },
    );
    expect(names).toEqual(
      expect.arrayContaining(['fixture-team', 'fixture-healthy-service']),
    );
  });

  it('never lets a broken entity into the catalog', async () => {
    // Only meaningful once the catalog has processed the broken entities: before that,
    // their absence proves nothing.
    await eventually('the broken entities to be processed', failedEntities, {
      until: failed =>
        errorsMentioning(failed, 'invalid-yaml.yaml').length > 0 &&
        !!unprocessedNamed(failed, 'fixture-missing-owner') &&
        !!unprocessedNamed(failed, 'fixture-unknown-kind'),
    });
    const names = await entityNames();
    expect(names).not.toContain('fixture-missing-owner');
    expect(names).not.toContain('fixture-unknown-kind');
    expect(names).not.toContain('fixture-invalid-yaml');
  });

  it('reports the YAML syntax error against the file that has it', async () => {
    await eventually('the YAML error of invalid-yaml.yaml', async () => {
      expect(
        errorsMentioning(await failedEntities(), 'invalid-yaml.yaml'),
      ).toEqual([
        expect.stringMatching(
          /YAML error .*invalid-yaml\.yaml.*Missing closing/s,
        ),
      ]);
    });
  });

  it('reports the component that has no owner', async () => {
    await eventually('the missing-owner error', async () => {
      const entry = unprocessedNamed(
        await failedEntities(),
        'fixture-missing-owner',
      );
      expect(entry?.errors?.map(e => e.message).join('\n')).toMatch(
        /must have required property 'owner'/,
      );
    });
  });

  it('reports the entity whose kind no processor knows', async () => {
    await eventually('the unknown-kind error', async () => {
      const entry = unprocessedNamed(
        await failedEntities(),
        'fixture-unknown-kind',
      );
      expect(entry?.errors?.map(e => e.message).join('\n')).toMatch(
        /No processor recognized the entity gadget:default\/fixture-unknown-kind/,
      );
    });
  });
});
