import { expect, test } from '@playwright/test';
import { signInAsGuest } from '../signIn';
import {
  cloneCatalogInfo,
  fetchComponent,
  fillGoldenPathForm,
  fillServiceStep,
  GOLDEN_PATH_CHECKS,
  growthService,
  guestToken,
  openEntityPage,
  openGoldenPathForm,
  pressCreate,
  uniqueServiceName,
  waitForRunFinished,
  waitForScorecard,
} from './journey';

// The golden path as a newcomer on `make start` walks it: signed in as the guest (a member
// of growth in development), they create a service from the template; the scaffolder
// publishes it to the local git host this suite runs (playwright.config.ts) and registers
// it, and the service then shows up in the catalog, the ownership matrix and the scorecard.

const gitHostUrl = process.env.PLINTH_E2E_GITHOST_URL!;

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('a name the catalog already has is refused in the form, before anything is created', async ({
  page,
}) => {
  await openGoldenPathForm(page);
  await fillServiceStep(page, growthService('growth-web'));
  await page.getByRole('button', { name: 'Next' }).click();
  // Under the field (and in the form's error list, when the theme shows one).
  await expect(
    page
      .getByText(
        '"growth-web" is taken: the catalog already has component:default/growth-web',
        { exact: false },
      )
      .first(),
  ).toBeVisible();
  // Still on the first step: the Operations step never opened.
  await expect(
    page.getByRole('textbox', { name: 'Escalation policy' }),
  ).toHaveCount(0);
});

test('the guest creates a service on the golden path and finds it in the catalog, the ownership matrix, the scorecard and the git host', async ({
  page,
  baseURL,
}, testInfo) => {
  // Form, run, catalog processing, the ownership snapshot (every 30 s) and the scorecard
  // retrievers (every 5 s here), on a busy 2-core machine.
  test.setTimeout(300_000);
  const name = uniqueServiceName('gp-e2e');
  const service = growthService(name);

  await openGoldenPathForm(page);
  await fillGoldenPathForm(page, service);
  await pressCreate(page);
  await waitForRunFinished(page, 120_000);
  await page.screenshot({ path: testInfo.outputPath('run-finished.png') });

  // In the catalog, with its owner and what the form said.
  const token = await guestToken(baseURL!);
  await expect
    .poll(async () => (await fetchComponent(baseURL!, token, name))?.spec, {
      timeout: 60_000,
    })
    .toEqual(
      expect.objectContaining({
        owner: 'group:default/growth',
        system: 'system:default/customer-experience',
        providesApis: [`${name}-v1`],
      }),
    );
  const entity = (await fetchComponent(baseURL!, token, name))!;
  expect(entity.metadata.annotations).toEqual(
    expect.objectContaining({
      'plinth.dev/tier': 'tier-2',
      'plinth.dev/escalation-policy':
        'escalationpolicy:default/platform-escalation',
      'plinth.dev/template': 'template:default/golden-path-service',
      // Which version is the scorecard's business (template-version check, below).
      'plinth.dev/template-version': expect.stringMatching(/^\d+\.\d+\.\d+$/),
    }),
  );

  // "Open in catalog" leads to its page.
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await openEntityPage(page, name, 60_000);

  // In the catalog list, with its owner.
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await page.getByPlaceholder('Search').fill(name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/growth/i);

  // In the ownership matrix, which reads the catalog into a snapshot every 30 s: the page
  // is opened again until the row is there.
  const matrix = page.getByRole('table', { name: 'Ownership matrix' });
  const matrixRow = matrix.getByRole('row').filter({
    has: page.getByRole('link', { name, exact: true }),
  });
  let attempts = 0;
  await expect(async () => {
    if (attempts++ === 0) {
      await page.goto(`/ownership?q=${name}`);
    } else {
      await page.reload();
    }
    await expect(matrixRow).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000, intervals: [0] });
  await expect(matrixRow).toContainText(/growth/i);
  await expect(matrixRow).toContainText('Platform escalation');

  // Its scorecard: every check that applies to a golden-path service evaluated, and passed.
  await openEntityPage(page, name, 60_000);
  const scorecard = await waitForScorecard(page, GOLDEN_PATH_CHECKS, 120_000, {
    until: 'passed',
  });
  await page.screenshot({
    path: testInfo.outputPath('scorecard.png'),
    fullPage: true,
  });
  for (const check of GOLDEN_PATH_CHECKS) {
    expect(scorecard[check], `check ${check}`).toBe('pass');
  }

  // Its repository, cloned with the real git from the host the scaffolder pushed to.
  const catalogInfo = await cloneCatalogInfo(gitHostUrl, name);
  expect(catalogInfo).toContain(`name: ${name}`);
  expect(catalogInfo).toContain('owner: group:default/growth');
});
