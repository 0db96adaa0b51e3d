import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { initializePersistenceContext } from '@backstage-community/plugin-tech-insights-backend';
import type { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { DateTime } from 'luxon';
import {
  readLatestFacts,
  type TechInsightsDb,
  withBatchedFactReads,
} from './latestFacts';

/*
 * The batched reads against Tech Insights' own store on a real database (its migrations,
 * its insertFacts, its getLatestFactsByIds as the oracle). 620 entities: more than one
 * query's worth (500), with older runs, a newer run for some entities, and a retriever
 * that has no row for others.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ENTITIES = Array.from(
  { length: 620 },
  (_, i) => `component:default/service-${String(i).padStart(4, '0')}`,
);
const IDS = ['ownerRetriever', 'docsRetriever'];

async function storeWithFacts(): Promise<{
  db: TechInsightsDb;
  store: TechInsightsStore;
}> {
  const db = await databases.init('SQLITE_3');
  const { techInsightsStore: store } = await initializePersistenceContext(
    { getClient: async () => db, migrations: { skip: false } },
    { logger: mockServices.logger.mock() },
  );
  for (const id of IDS) {
    await store.insertFactSchema({
      id,
      version: '0.1.0',
      entityFilter: [{ kind: 'component' }],
      schema: {
        value: { type: 'integer', description: 'Which run wrote the row' },
      },
    });
  }
  const entity = (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return { kind, namespace, name };
  };
  const run = async (
    id: string,
    refs: string[],
    at: string,
    value: (i: number) => number,
  ) =>
    store.insertFacts({
      id,
      facts: refs.map((ref, i) => ({
        entity: entity(ref),
        timestamp: DateTime.fromISO(at),
        facts: { value: value(i) },
      })),
    });
  await run('ownerRetriever', ENTITIES, '2026-11-01T10:00:00.000Z', () => 1);
  // A newer run for every third entity: its rows are the latest for those only.
  await run(
    'ownerRetriever',
    ENTITIES.filter((_, i) => i % 3 === 0),
    '2026-11-02T10:00:00.000Z',
    i => 100 + i,
  );
  // The docs retriever has rows for the first half only.
  await run(
    'docsRetriever',
    ENTITIES.slice(0, 310),
    '2026-11-01T12:00:00.000Z',
    i => 1000 + i,
  );
  return { db, store };
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('readLatestFacts', () => {
  it("returns for every entity exactly what Tech Insights' store returns for it alone", async () => {
    const { db, store } = await storeWithFacts();
    const latest = await readLatestFacts(db, IDS, ENTITIES);
    for (const ref of ENTITIES) {
      expect(asJson(latest.get(ref) ?? {})).toEqual(
        asJson(await store.getLatestFactsByIds(IDS, ref)),
      );
    }
    // The fixture means something: newer rows win, missing retrievers are absent.
    expect(latest.get(ENTITIES[3])?.ownerRetriever.facts).toEqual({
      value: 101,
    });
    expect(latest.get(ENTITIES[4])?.ownerRetriever.facts).toEqual({
      value: 1,
    });
    expect(latest.get(ENTITIES[400])).not.toHaveProperty('docsRetriever');
  });

  it('returns nothing for an entity without facts', async () => {
    const { db } = await storeWithFacts();
    const latest = await readLatestFacts(db, IDS, ['component:default/nope']);
    expect(latest.size).toBe(0);
  });
});

describe('withBatchedFactReads', () => {
  it('answers the reads of one turn with one database round, each with its own entity', async () => {
    const { db, store } = await storeWithFacts();
    let rounds = 0;
    const batched = withBatchedFactReads(store, async () => {
      rounds += 1;
      return db;
    });
    const results = await Promise.all(
      ENTITIES.map(ref => batched.getLatestFactsByIds(IDS, ref)),
    );
    expect(rounds).toBe(1);
    for (const [i, ref] of ENTITIES.entries()) {
      expect(asJson(results[i])).toEqual(
        asJson(await store.getLatestFactsByIds(IDS, ref)),
      );
    }
  });

  it('answers a lone read (the entity card) like the store', async () => {
    const { db, store } = await storeWithFacts();
    const batched = withBatchedFactReads(store, async () => db);
    expect(
      asJson(await batched.getLatestFactsByIds(['docsRetriever'], ENTITIES[7])),
    ).toEqual(
      asJson(await store.getLatestFactsByIds(['docsRetriever'], ENTITIES[7])),
    );
  });

  it('rejects every read of a failed round, and reads again on the next', async () => {
    const { db, store } = await storeWithFacts();
    let fail = true;
    const batched = withBatchedFactReads(store, async () => {
      if (fail) throw new Error('database is down');
      return db;
    });
    await expect(
      Promise.all([
        batched.getLatestFactsByIds(IDS, ENTITIES[0]),
        batched.getLatestFactsByIds(IDS, ENTITIES[1]),
      ]),
    ).rejects.toThrow('database is down');
    fail = false;
    expect(
      Object.keys(await batched.getLatestFactsByIds(IDS, ENTITIES[0])),
    ).toEqual(expect.arrayContaining(IDS));
  });
});
