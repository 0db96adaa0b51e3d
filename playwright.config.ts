import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests run Debian's Chromium (installed by `make browser`) against the production
// frontend build served by the real backend on its own port, so they never clash with `make start`.
const port = Number(process.env.PLINTH_E2E_PORT ?? 7107);
const baseURL = `http://localhost:${port}`;
// The local git host the golden-path journey publishes to (goldenPath/goldenPath.test.ts),
// on a port of its own; the portal's config names it (app-config.e2e-golden-path.yaml).
const gitHostPort = Number(process.env.PLINTH_E2E_GITHOST_PORT ?? 7111);
if (gitHostPort === port) {
  throw new Error(
    `PLINTH_E2E_PORT and PLINTH_E2E_GITHOST_PORT must differ (${port})`,
  );
}
const gitHostUrl = `http://127.0.0.1:${gitHostPort}`;
// The tests clone from it (workers inherit the environment).
process.env.PLINTH_E2E_GITHOST_URL = gitHostUrl;
// Repositories of this run only: emptied before the host starts, so a name from an earlier
// run never meets an existing repository.
const gitHostRoot = path.resolve(
  __dirname,
  `.cache/e2e/githost-${gitHostPort}`,
);
const goldenPathConfig = path.resolve(
  __dirname,
  'app-config.e2e-golden-path.yaml',
);

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // The OIDC journeys run against their own portal: playwright.oidc.config.ts; the
  // pipeline-health ones against a portal polling a pipeline: playwright.pipelines.config.ts.
  testIgnore: ['**/oidc/**', '**/pipelines/**'],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'e2e-test-results',
  // Web servers start in this order: the portal's scaffolder publishes to the git host.
  webServer: [
    {
      command: `rm -rf '${gitHostRoot}' && infra/githost/githost.sh serve --port ${gitHostPort} --root '${gitHostRoot}'`,
      url: `${gitHostUrl}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `infra/portal/serve-built.sh ${port} --config ${goldenPathConfig}`,
      url: `${baseURL}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...(process.env as Record<string, string>),
        PLINTH_E2E_GITHOST_PORT: String(gitHostPort),
      },
    },
  ],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.PLINTH_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
