/*
 * pipeline-health: history samples and incidents in the plugin's own Backstage database,
 * so they survive a restart and every backend replica sees the same rows. Times are epoch
 * milliseconds in bigint columns (portable between SQLite and PostgreSQL, no time zones).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipeline_health_samples', table => {
    table.comment(
      'One row per pipeline and time bucket: poll-sized, or downsampled',
    );
    table.string('pipeline_id', 63).notNullable();
    // The start of the bucket: the poll time rounded down to the poll interval (or to the
    // downsampled size). With several replicas polling, the key keeps one row per bucket.
    table.bigInteger('bucket_at').notNullable();
    table.integer('resolution_ms').notNullable();
    // How many poll samples the row stands for: weights the averages when merged again.
    table.integer('sample_count').notNullable().defaultTo(1);
    table.double('lag_messages').nullable();
    table.double('lag_seconds').nullable();
    table.double('ingestion_p50_ms').nullable();
    table.double('ingestion_p99_ms').nullable();
    table.double('query_p99_ms').nullable();
    table.double('events_per_second').nullable();
    table.double('freshness_ms').nullable();
    table.double('dead_letters_per_minute').nullable();
    table.primary(['pipeline_id', 'bucket_at']);
    table.index(['bucket_at'], 'pipeline_health_samples_bucket_at_idx');
  });

  await knex.schema.createTable('pipeline_health_incidents', table => {
    table.comment(
      'A breach of one SLO of one pipeline, from first breach to recovery',
    );
    table.string('id', 36).primary().notNullable();
    table.string('pipeline_id', 63).notNullable();
    table.string('slo', 32).notNullable();
    // `<pipeline>:<slo>` while the incident is open, NULL once resolved: the unique index
    // allows one open incident per SLO even when two replicas open it at the same moment.
    table.string('open_key', 100).nullable().unique({
      indexName: 'pipeline_health_incidents_open_key_idx',
    });
    table.bigInteger('started_at').notNullable();
    table.bigInteger('last_breach_at').notNullable();
    table.bigInteger('recovering_since').nullable();
    table.bigInteger('notified_at').nullable();
    table.string('notified_recipients', 255).nullable();
    table.string('notified_tier', 255).nullable();
    table.bigInteger('resolved_at').nullable();
    table.double('worst_value').nullable();
    table.double('target').notNullable();
    table.index(
      ['pipeline_id', 'started_at'],
      'pipeline_health_incidents_pipeline_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipeline_health_incidents');
  await knex.schema.dropTable('pipeline_health_samples');
};
