import { sqliteDatabase } from '../history/__testUtils__/testDatabases';
import { incidentStoreContract } from './__testUtils__/incidentStoreContract';

// The same contract runs against PostgreSQL in stores.postgres.integration.test.ts.
describe('KnexIncidentStore on SQLite', () => {
  incidentStoreContract(sqliteDatabase);
});
