import type { TestPostgres } from '@plinth/testing';
import { knex as knexFactory, type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../migrateDatabase';

/**
 * A migrated database and two clients on it, as two backend replicas would have. On
 * SQLite the clients are one in-memory connection (SQLite is the single-machine engine);
 * on PostgreSQL they are two separate connection pools.
 */
export type TestDatabase = {
  engine: 'sqlite' | 'postgres';
  primary: Knex;
  replica: Knex;
  close(): Promise<void>;
};

export async function sqliteDatabase(): Promise<TestDatabase> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateDatabase(knex);
  return {
    engine: 'sqlite',
    primary: knex,
    replica: knex,
    close: () => knex.destroy(),
  };
}

/** A new database on the server for each call, so tests never see each other's rows. */
export async function postgresDatabase(
  postgres: TestPostgres,
): Promise<TestDatabase> {
  const name = `pipeline_health_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: postgres.connection(),
  });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const connect = () =>
    knexFactory({
      client: 'pg',
      connection: postgres.connection(name),
      pool: { min: 0, max: 4 },
    });
  const primary = connect();
  const replica = connect();
  await migrateDatabase(primary);
  return {
    engine: 'postgres',
    primary,
    replica,
    async close() {
      await primary.destroy();
      await replica.destroy();
    },
  };
}
