import type { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { withSchemaCache } from './PlinthFactCheckerFactory';

function countingStore() {
  const calls = { schemas: 0 };
  const store = {
    getLatestSchemas: async () => {
      calls.schemas += 1;
      return [{ ownerIsGroup: { type: 'boolean', description: 'x' } }];
    },
    insertFactSchema: async () => {},
  } as unknown as TechInsightsStore;
  return { store, calls };
}

describe('withSchemaCache', () => {
  it('reads the schemas of the same retrievers once within a minute', async () => {
    const { store, calls } = countingStore();
    let now = 0;
    const cached = withSchemaCache(store, () => now);
    await cached.getLatestSchemas(['b', 'a']);
    await cached.getLatestSchemas(['a', 'b']);
    expect(calls.schemas).toBe(1);
    now = 60_000;
    await cached.getLatestSchemas(['a', 'b']);
    expect(calls.schemas).toBe(2);
  });

  it('forgets the cache when a schema is inserted', async () => {
    const { store, calls } = countingStore();
    const cached = withSchemaCache(store, () => 0);
    await cached.getLatestSchemas(['a']);
    await cached.insertFactSchema({} as never);
    await cached.getLatestSchemas(['a']);
    expect(calls.schemas).toBe(2);
  });
});
