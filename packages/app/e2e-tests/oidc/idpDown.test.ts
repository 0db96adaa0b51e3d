import { expect, test } from '@playwright/test';

// This portal's identity provider is down (playwright.oidc.config.ts starts it with a
// metadataUrl where nothing listens).
const port = process.env.PLINTH_E2E_IDP_DOWN_PORT ?? '7109';
test.use({ baseURL: `http://localhost:${port}` });

test('when the identity provider is down, the sign-in page says so and how to start it locally', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: 'Sign in with your organisation' })
    .click();
  const error = page.getByTestId('sign-in-error');
  await expect(error).toContainText('The identity provider is unreachable');
  await expect(error).toContainText(
    'http://127.0.0.1:9/.well-known/openid-configuration did not answer (connect ECONNREFUSED 127.0.0.1:9)',
  );
  await expect(error).toContainText('infra/oidc/oidc.sh up');
  await page.screenshot({ path: testInfo.outputPath('idp-down.png') });
  // No blank page and no loop: a second try opens the sign-in window, which gets the same
  // answer from the backend and closes itself, and the page says it again.
  const popupOpened = page.waitForEvent('popup');
  await page
    .getByRole('button', { name: 'Sign in with your organisation' })
    .click();
  const popup = await popupOpened;
  await popup.waitForEvent('close');
  await expect(error).toContainText('The identity provider is unreachable');
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
});
