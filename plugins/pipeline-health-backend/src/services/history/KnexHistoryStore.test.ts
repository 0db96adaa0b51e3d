import { historyStoreContract } from './__testUtils__/historyStoreContract';
import { sqliteDatabase } from './__testUtils__/testDatabases';

// The same contract runs against PostgreSQL in stores.postgres.integration.test.ts.
describe('KnexHistoryStore on SQLite', () => {
  historyStoreContract(sqliteDatabase);
});
