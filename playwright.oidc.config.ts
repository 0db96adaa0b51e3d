import path from 'node:path';
import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

// The OIDC sign-in journeys: their own portal instance (the production frontend build served
// by the real backend with app-config.oidc.yaml: OIDC, no guest) and the development IdP,
// both on loopback ports of their own (`make test-e2e` passes free ones).
const port = Number(process.env.PLINTH_E2E_PORT ?? 7108);
const idpPort = Number(process.env.PLINTH_E2E_IDP_PORT ?? 7778);
// A second portal whose IdP is down (its metadataUrl names the discard port, where nothing
// listens), for the "identity provider unreachable" journey; see idpDown.test.ts.
const idpDownPort = Number(process.env.PLINTH_E2E_IDP_DOWN_PORT ?? 7109);
if (new Set([port, idpPort, idpDownPort]).size !== 3) {
  throw new Error(
    `PLINTH_E2E_PORT, PLINTH_E2E_IDP_PORT and PLINTH_E2E_IDP_DOWN_PORT must differ (${port}, ${idpPort}, ${idpDownPort})`,
  );
}
process.env.PLINTH_E2E_IDP_DOWN_PORT = String(idpDownPort);
const baseURL = `http://localhost:${port}`;
const issuer = `http://127.0.0.1:${idpPort}`;
const oidcConfig = path.resolve(__dirname, 'app-config.oidc.yaml');

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
      command: `infra/portal/serve-built.sh ${port} --config ${oidcConfig}`,
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
    {
      command: `infra/portal/serve-built.sh ${idpDownPort} --config ${oidcConfig}`,
      url: `http://localhost:${idpDownPort}/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...(process.env as Record<string, string>),
        APP_CONFIG_auth_providers_oidc_development_metadataUrl:
          'http://127.0.0.1:9/.well-known/openid-configuration',
      },
    },
  ],
  use: { ...baseConfig.use, baseURL },
});
