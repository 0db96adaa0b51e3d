import { startTestPostgres, type TestPostgres } from '@plinth/testing';
import { incidentStoreContract } from '../alerting/__testUtils__/incidentStoreContract';
import { historyStoreContract } from './__testUtils__/historyStoreContract';
import { postgresDatabase } from './__testUtils__/testDatabases';

// A real PostgreSQL (infra/postgres/postgres.sh, loopback, a free port): production runs
// the plugin's tables there, and several replicas share them. The first start on a fresh
// machine installs Debian's package, hence the generous limit for beforeAll.
jest.setTimeout(60_000);

describe('history and incidents on PostgreSQL', () => {
  let postgres: TestPostgres | undefined;

  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 300_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  const newDatabase = () => postgresDatabase(postgres!);

  describe('KnexHistoryStore', () => {
    historyStoreContract(newDatabase);
  });

  describe('KnexIncidentStore', () => {
    incidentStoreContract(newDatabase);
  });
});
