import path from 'node:path';
import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

// The pipeline-health journeys: the reference pipeline (Kafka, ClickHouse, ingester, load
// generator; infra/pipeline/e2e.sh) and a portal polling it (the production frontend build
// served by the real backend with app-config.e2e-pipelines.yaml), each on loopback ports of
// their own (`make test-e2e` passes free ones), so neither touches `make start`.
const port = Number(process.env.PLINTH_E2E_PORT ?? 7110);
const kafkaPort = Number(process.env.PLINTH_E2E_KAFKA_PORT ?? 29592);
const clickhousePort = Number(process.env.PLINTH_E2E_CLICKHOUSE_PORT ?? 28263);
const baseURL = `http://localhost:${port}`;
const pipelinesConfig = path.resolve(
  __dirname,
  'app-config.e2e-pipelines.yaml',
);

export default defineConfig({
  ...baseConfig,
  // Sign-in, three live pages and waits of several polls each, on a shared 2-core machine.
  timeout: 180_000,
  testDir: 'packages/app/e2e-tests/pipelines',
  testIgnore: [],
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/pipelines' }],
  ],
  outputDir: 'e2e-test-results/pipelines',
  // Web servers start in this order and stop in reverse: the portal starts polling only
  // once the pipeline runs, and stops before the pipeline does.
  webServer: [
    {
      command: `infra/pipeline/e2e.sh --kafka-port ${kafkaPort} --clickhouse-port ${clickhousePort} --rate 50`,
      // Printed once the ingester has committed a batch to ClickHouse: the whole pipeline
      // runs. (ClickHouse's /ping would answer before the ingester starts.)
      wait: { stdout: /pipeline-e2e: ready/ },
      // SIGTERM lets the script stop what it started (its servers run in sessions of their
      // own, so killing its process group would leave them behind). The scripts' own stop
      // timeouts add up to about 140 s (load generator 15, ingester drain 45, Kafka and
      // ClickHouse 30 + 10 each); usually it takes seconds.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 180_000 },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `infra/portal/serve-built.sh ${port} --config ${pipelinesConfig}`,
      url: `${baseURL}/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...(process.env as Record<string, string>),
        PLINTH_E2E_KAFKA_PORT: String(kafkaPort),
        PLINTH_E2E_CLICKHOUSE_PORT: String(clickhousePort),
      },
    },
  ],
  use: { ...baseConfig.use, baseURL },
});
