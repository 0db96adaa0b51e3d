import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('a deprecated API line: its sunset, the breaking changes to the next line and who to call', async ({
  page,
}) => {
  // Open API versions from the sidebar.
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'API versions', exact: true })
    .click();
  await expect(page).toHaveURL(/\/api-versions$/);

  // Right after start-up the catalog may still be processing the examples and the backend
  // analysing their definitions; the page does not refresh by itself, so reload until the
  // family is listed.
  const family = page.getByTestId('family-user-provisioning');
  let attempts = 0;
  await expect(async () => {
    if (attempts++ > 0) await page.reload();
    await expect(family).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 80_000, intervals: [0] });

  // Open the user-provisioning family.
  await family.getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/api-versions\/user-provisioning$/);

  // v1 is deprecated, with its sunset countdown.
  const timeline = page.getByRole('list', { name: /^Version timeline of / });
  const v1 = timeline.getByRole('listitem', {
    name: 'User provisioning API v1',
  });
  await expect(v1.getByText('deprecated', { exact: true })).toBeVisible();
  await expect(v1.getByTestId('sunset-countdown')).toHaveText(
    /^Sunset (in \d+ days?|today|\d+ days? ago) \(2027-03-31\)$/,
  );

  // Open the v1 -> v2 diff from the timeline.
  await v1.getByRole('link', { name: 'View changes' }).click();
  await expect(page).toHaveURL(
    /\/api-versions\/user-provisioning\/diff\?from=api%3Adefault%2Fuser-provisioning-v1&to=api%3Adefault%2Fuser-provisioning-v2/,
  );
  await expect(page.getByRole('combobox', { name: 'From' })).toContainText(
    'User provisioning API v1',
  );
  await expect(page.getByRole('combobox', { name: 'To' })).toContainText(
    'User provisioning API v2',
  );

  // The breaking changes come first: v2 dropped the password-reset operation.
  const counts = page.getByRole('group', { name: 'Change counts' });
  await expect(counts).toContainText(/[1-9]\d* breaking/);
  const firstGroup = page.locator('section[aria-label]').first();
  await expect(
    firstGroup.getByText('Breaking', { exact: true }).first(),
  ).toBeVisible();
  const passwordReset = page.getByRole('region', {
    name: 'POST /users/{userId}/password-reset',
  });
  await expect(
    passwordReset.getByText('Breaking', { exact: true }).first(),
  ).toBeVisible();
  // Each finding links to its place in the spec: the removed operation in v1's overview.
  await expect(
    passwordReset
      .getByRole('link', { name: /In User provisioning API v1/ })
      .first(),
  ).toHaveAttribute(
    'href',
    /\/catalog\/default\/api\/user-provisioning-v1\/api-overview#operation-post-users-userId-password-reset$/,
  );

  // Back on the family page: the consumers still on v1, and who to call for each.
  await page.getByRole('link', { name: /^Back to the .* timeline$/ }).click();
  const consumers = page.getByRole('table', {
    name: 'Consumers of User provisioning API v1',
  });
  const signup = consumers.getByRole('row').filter({
    has: page.getByRole('link', { name: 'Sign-up service (legacy)' }),
  });
  await expect(signup).toBeVisible();
  await expect(signup).toContainText('Migrate before sunset');
  await expect(signup).toContainText('2027-03-31');
  // Growth has no escalation policy in the examples (a deliberate gap): the row says so
  // and names the owner to ask instead of inventing a contact.
  await expect(signup).toContainText('No escalation policy');
  await expect(
    signup.getByRole('link', { name: /growth/i }).last(),
  ).toBeVisible();
});
