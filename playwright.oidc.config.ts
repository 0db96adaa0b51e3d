import path from 'node:path';
import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

// The OIDC sign-in journeys: their own portal instance (the production frontend build served
// by the real backend with app-config.oidc.yaml: OIDC, no guest) and the development IdP,
// both on loopback ports of their own (`make test-e2e` passes free ones).
const port = Number(process.env.PLINTH_E2E_PORT ?? 7108);
const idpPort = Number(process.env.PLINTH_E2E_IDP_PORT ?? 7778);
if (port === idpPort) {
  throw new Error(
    `PLINTH_E2E_PORT and PLINTH_E2E_IDP_PORT must differ (both ${port})`,
  );
}
const baseURL = `http://localhost:${port}`;
const issuer = `http://127.0.0.1:${idpPort}`;

export default defineConfig({
  ...baseConfig,
  testDir: 'packages/app/e2e-tests/oidc',
  testIgnore: [],
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/oidc' }],
  ],
  outputDir: 'e2e-test-results/oidc',
  webServer: [
    {
      command: `infra/oidc/oidc.sh serve --port ${idpPort} --redirect-uri ${baseURL}/api/auth/oidc/handler/frame`,
      url: `${issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `infra/portal/serve-built.sh ${port} --config ${path.resolve(
        __dirname,
        'app-config.oidc.yaml',
      )}`,
      url: `${baseURL}/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...(process.env as Record<string, string>),
        APP_CONFIG_auth_providers_oidc_development_metadataUrl: `${issuer}/.well-known/openid-configuration`,
      },
    },
  ],
  use: { ...baseConfig.use, baseURL },
});
