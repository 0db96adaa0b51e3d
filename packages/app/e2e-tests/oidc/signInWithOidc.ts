import { expect, Page } from '@playwright/test';

/** The development password of every dev IdP account (docs/identity-and-access.md). */
export const DEV_PASSWORD = process.env.PLINTH_DEV_IDP_PASSWORD ?? 'plinth-dev';

/**
 * Signs in through the dev IdP's own login page, as a person would: "Sign in with your
 * organisation" opens the IdP in a popup; the popup closes when the portal has the answer.
 */
export async function signInThroughIdp(page: Page, email: string) {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await page
    .getByRole('button', { name: 'Sign in with your organisation' })
    .click();
  const popup = await popupOpened;
  await popup.getByLabel('Email').fill(email);
  await popup.getByLabel('Password').fill(DEV_PASSWORD);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await closed;
}

/** Signs in and waits until the portal shows who is signed in, with their team. */
export async function signInAs(page: Page, email: string, expected: string) {
  await signInThroughIdp(page, email);
  await expect(page.getByTestId('signed-in-user')).toHaveText(expected);
}

/**
 * The signed-in user's Backstage token, as the app gets it: from the auth backend's refresh
 * route, with the session cookie the sign-in set (same origin).
 */
export async function backstageToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch(
      '/api/auth/oidc/refresh?env=development&optional=true',
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        credentials: 'include',
      },
    );
    if (!response.ok) {
      throw new Error(`refresh answered HTTP ${response.status}`);
    }
    const body = await response.json();
    return body.backstageIdentity.token as string;
  });
}
