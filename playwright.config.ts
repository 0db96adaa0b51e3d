import { defineConfig } from '@playwright/test';

// Browser tests run Debian's Chromium (installed by `make browser`) against the production
// frontend build served by the real backend on its own port, so they never clash with `make start`.
const port = Number(process.env.PLINTH_E2E_PORT ?? 7107);
const baseURL = `http://localhost:${port}`;

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
  webServer: {
    command: `infra/portal/serve-built.sh ${port}`,
    url: `${baseURL}/.backstage/health/v1/readiness`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
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
