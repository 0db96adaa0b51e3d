import { TestDatabases } from '@backstage/backend-test-utils';
import {
  asJson,
  ENTITIES,
  expectReadsLikeStore,
  factsFixture,
  IDS,
} from './__testUtils__/factsFixture';
import { readLatestFacts, withBatchedFactReads } from './latestFacts';

/*
 * The batched reads against Tech Insights' own store on a real database (its migrations,
 * its insertFacts, its getLatestFactsByIds as the oracle), see factsFixture. Production's
 * PostgreSQL: latestFacts.postgres.integration.test.ts.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
async function storeWithFacts() {
  return factsFixture(await databases.init('SQLITE_3'));
}

describe('readLatestFacts', () => {
  it("returns for every entity exactly what Tech Insights' store returns for it alone", async () => {
    const { db, store } = await storeWithFacts();
    await expectReadsLikeStore(db, store);
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

  it('rejects only the reads of an entity whose latest row cannot be read', async () => {
    const { db, store } = await storeWithFacts();
    // Facts that are not JSON for one entity, an entity ref that does not parse for another.
    await db('facts')
      .where({ entity: ENTITIES[5], id: 'docsRetriever' })
      .update({ facts: '{not json' });
    await db('facts').where({ entity: ENTITIES[6] }).update({ entity: 'nope' });
    const batched = withBatchedFactReads(store, async () => db);
    const bad = ['nope', ENTITIES[5]];
    const good = ENTITIES.slice(0, 10).filter(ref => ref !== ENTITIES[5]);
    // One turn, so one batch: the bad entities' reads share the query with the good ones.
    const [badResults, goodResults] = await Promise.all([
      Promise.allSettled(bad.map(ref => batched.getLatestFactsByIds(IDS, ref))),
      Promise.allSettled(
        good.map(ref => batched.getLatestFactsByIds(IDS, ref)),
      ),
    ]);
    expect(badResults).toEqual([
      {
        status: 'rejected',
        reason: expect.objectContaining({
          message: expect.stringMatching(
            /^The latest '\w+' fact of nope cannot be read; caused by .*Entity reference "nope" had missing or empty kind/,
          ),
        }),
      },
      {
        status: 'rejected',
        reason: expect.objectContaining({
          message: expect.stringMatching(
            new RegExp(
              `^The latest 'docsRetriever' fact of ${ENTITIES[5]} cannot be read; caused by SyntaxError`,
            ),
          ),
        }),
      },
    ]);
    // The store fails a read of either entity alone too.
    for (const ref of bad) {
      await expect(store.getLatestFactsByIds(IDS, ref)).rejects.toThrow();
    }
    for (const [i, ref] of good.entries()) {
      expect(asJson(goodResults[i])).toEqual({
        status: 'fulfilled',
        value: asJson(await store.getLatestFactsByIds(IDS, ref)),
      });
    }
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
