import { mockServices } from '@backstage/backend-test-utils';
import { initializePersistenceContext } from '@backstage-community/plugin-tech-insights-backend';
import type { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { DateTime } from 'luxon';
import { readLatestFacts, type TechInsightsDb } from '../latestFacts';

export const ENTITIES = Array.from(
  { length: 620 },
  (_, i) => `component:default/service-${String(i).padStart(4, '0')}`,
);
export const IDS = ['ownerRetriever', 'docsRetriever'];

/**
 * Tech Insights' own store on `db` (its migrations run), with facts written through its
 * insertFacts: 620 entities, more than one query's worth (500), with an older run, a newer
 * run for every third entity, and a retriever that has no row for the second half.
 */
export async function factsFixture(db: TechInsightsDb): Promise<{
  db: TechInsightsDb;
  store: TechInsightsStore;
}> {
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

/** Facts as plain JSON (DateTime and Date to the same ISO strings), for comparing reads. */
export const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

/**
 * readLatestFacts over the fixture returns for every entity exactly what the store's own
 * per-entity read returns, and the fixture means something (newer rows win, missing
 * retrievers are absent). Shared by the SQLite and the PostgreSQL tests.
 */
export async function expectReadsLikeStore(
  db: TechInsightsDb,
  store: TechInsightsStore,
) {
  const latest = await readLatestFacts(db, IDS, ENTITIES);
  for (const ref of ENTITIES) {
    expect(asJson(latest.get(ref) ?? {})).toEqual(
      asJson(await store.getLatestFactsByIds(IDS, ref)),
    );
  }
  expect(latest.get(ENTITIES[3])?.ownerRetriever.facts).toEqual({
    value: 101,
  });
  expect(latest.get(ENTITIES[4])?.ownerRetriever.facts).toEqual({
    value: 1,
  });
  expect(latest.get(ENTITIES[400])).not.toHaveProperty('docsRetriever');
}
