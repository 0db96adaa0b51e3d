import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { backstageToken, signInAs, signInThroughIdp } from './signInWithOidc';

test('the sign-in page offers the organisation sign-in and no guest', async ({
  page,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('button', { name: 'Sign in with your organisation' }),
  ).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
});

test('a platform engineer signs in, sees their name and team, and downloads the ownership CSV', async ({
  page,
}, testInfo) => {
  await signInAs(page, 'ana.ruiz@plinth.dev', 'Ana Ruiz · platform');
  await expect(
    page.getByRole('heading', { name: 'Welcome to Plinth' }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('signed-in.png') });

  // A reload keeps the session (refresh token), as it would for a person.
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toHaveText(
    'Ana Ruiz · platform',
  );

  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Ownership', exact: true })
    .click();
  const matrix = page.getByRole('table', { name: 'Ownership matrix' });
  await expect(
    matrix.getByRole('link', { name: 'Billing service', exact: true }),
  ).toBeVisible();

  // Filter by domain; the download follows the filter.
  await page.getByRole('combobox', { name: 'Domain' }).click();
  await page.getByRole('option', { name: 'identity', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/domain=domain%3Adefault%2Fidentity/);
  await expect(
    matrix.getByRole('link', { name: 'Billing service', exact: true }),
  ).toHaveCount(0);
  await expect(
    matrix.getByRole('link', { name: 'User service', exact: true }),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header).toMatch(/^entity,kind,title,owner,tier,lifecycle/);
  expect(lines.length).toBeGreaterThan(0);
  expect(
    lines.some(line => line.startsWith('component:default/user-service,')),
  ).toBe(true);
  expect(lines.some(line => line.includes('billing-service'))).toBe(false);
});

test('a member of another team cannot export the whole matrix: the button says why and the API answers 403', async ({
  page,
}) => {
  await signInAs(page, 'ines.costa@plinth.dev', 'Inês Costa · billing');

  await page.goto('/ownership');
  const matrix = page.getByRole('table', { name: 'Ownership matrix' });
  await expect(
    matrix.getByRole('link', { name: 'Billing service', exact: true }),
  ).toBeVisible();
  // The explanation first: it appears once the export decision is known, whereas a button
  // could also be disabled only while that decision loads.
  const explanation = page.getByTestId('csv-export-explanation');
  await expect(explanation).toBeVisible();
  await expect(explanation).not.toBeEmpty();
  await expect(
    page.getByRole('button', { name: 'Download CSV' }),
  ).toBeDisabled();

  const token = await backstageToken(page);
  const response = await page.request.get('/api/ownership/v1/matrix.csv', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status()).toBe(403);
});

test('an email that is in no catalog User is refused with a message that says what to do', async ({
  page,
}, testInfo) => {
  await signInThroughIdp(page, 'alex.unlisted@plinth.dev');
  const error = page.getByTestId('sign-in-error');
  await expect(error).toContainText('Sign-in refused');
  await expect(error).toContainText(
    'No user in the Plinth catalog has the email alex.unlisted@plinth.dev; ask your platform team to add a User entity with spec.profile.email: alex.unlisted@plinth.dev',
  );
  await page.screenshot({ path: testInfo.outputPath('refused.png') });
  // Still on the sign-in page, not signed in as anyone.
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Sign in with your organisation' }),
  ).toBeEnabled();
});
