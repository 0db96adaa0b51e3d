import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@plinth/plugin-pipeline-health-backend',
  'migrations',
);

/** Brings the plugin's tables (history samples, incidents) up to date. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/**
 * The plugin's database client with its tables migrated, unless the deployment manages
 * migrations itself (`backend.database.plugin.pipeline-health.skipMigrations`). Call once
 * per backend and share the client between HistoryStore and IncidentStore: knex's
 * migration lock makes a second concurrent `migrate.latest` fail rather than wait.
 */
export async function connectDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await migrateDatabase(knex);
  }
  return knex;
}
