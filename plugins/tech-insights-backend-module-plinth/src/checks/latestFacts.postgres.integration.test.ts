import { DatabaseManager } from '@backstage/backend-defaults/database';
import { mockServices } from '@backstage/backend-test-utils';
import { startTestPostgres, type TestPostgres } from '@plinth/testing';
import { randomBytes } from 'node:crypto';
import {
  asJson,
  ENTITIES,
  expectReadsLikeStore,
  factsFixture,
  IDS,
} from './__testUtils__/factsFixture';
import { type TechInsightsDb, withBatchedFactReads } from './latestFacts';

/*
 * The batched reads on PostgreSQL, which production runs (app-config.production.yaml,
 * client pg): a real server (infra/postgres/postgres.sh, loopback, a free port), the
 * tech-insights plugin's database made by Backstage's DatabaseManager from the same config
 * shape, Tech Insights' own migrations, and its getLatestFactsByIds per entity as the
 * oracle. Unlike SQLite, timestamps come back as Dates and the bound lists are real
 * parameters, so the chunking (500 entities per query) is exercised where it matters.
 */
jest.setTimeout(60_000);

let postgres: TestPostgres | undefined;
const clients: TechInsightsDb[] = [];

beforeAll(async () => {
  // The first start on a fresh machine installs Debian's package, hence the limit.
  postgres = await startTestPostgres();
}, 300_000);

afterAll(async () => {
  await Promise.all(clients.map(client => client.destroy()));
  await postgres?.stop();
});

/** Tech Insights' database as the backend makes it, a new one for each call. */
async function techInsightsDatabase(): Promise<TechInsightsDb> {
  const manager = DatabaseManager.fromConfig(
    mockServices.rootConfig({
      data: {
        backend: {
          database: {
            client: 'pg',
            connection: postgres!.connection(),
            prefix: `ti_${randomBytes(4).toString('hex')}_`,
          },
        },
      },
    }),
  );
  const client = await manager
    .forPlugin('tech-insights', {
      logger: mockServices.logger.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    })
    .getClient();
  clients.push(client);
  return client;
}

describe('latest facts on PostgreSQL', () => {
  it("reads for every entity exactly what Tech Insights' store returns for it alone", async () => {
    const { db, store } = await factsFixture(await techInsightsDatabase());
    expect(db.client.config.client).toBe('pg');
    await expectReadsLikeStore(db, store);
  });

  it('answers the reads of one turn with one database round, like the store', async () => {
    const { db, store } = await factsFixture(await techInsightsDatabase());
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
});
