import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';

/**
 * The steps of the golden-path journey, shared by the Playwright test
 * (goldenPath.test.ts) and the browser part of `make bench-scaffold`
 * (bench/scaffold/createToScored.ts). Plain Playwright Page calls and `expect` with explicit
 * timeouts, so they run inside the test runner and in a bench script alike.
 */

const run = promisify(execFile);

/** What the journey types into the template's form (titles: the pickers search by title). */
export type GoldenPathService = {
  name: string;
  description: string;
  /** The owner group's title, as the Owner picker lists it. */
  ownerTitle: string;
  /** The system's title. */
  systemTitle: string;
  /** The escalation policy's title. */
  escalationPolicyTitle: string;
};

/**
 * A service the guest of `make start` may create: the guest counts as a member of growth
 * (app-config.yaml, auth.providers.guest.ownershipEntityRefs), and plinth.service.create
 * allows members of the owner group. Growth has no escalation policy of its own, so the
 * service names the platform's, where every team's policy ends anyway.
 */
export function growthService(name: string): GoldenPathService {
  return {
    name,
    description: 'Created by the golden-path browser journey.',
    ownerTitle: 'Growth',
    systemTitle: 'Customer experience',
    escalationPolicyTitle: 'Platform escalation',
  };
}

/**
 * A catalog name no earlier run used: the portal's catalog lives in memory, but the git
 * host's repositories outlive a portal reused between local runs.
 */
export function uniqueServiceName(prefix: string): string {
  const stamp = Date.now().toString(36);
  const salt = Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0');
  return `${prefix}-${stamp}-${salt}`;
}

/**
 * The checks a service fresh from the golden path passes (the template generates what each
 * needs): every adoption check but the two pipeline ones, which apply to event consumers.
 */
export const GOLDEN_PATH_CHECKS = [
  'owner',
  'escalation-policy',
  'tier-and-lifecycle',
  'api-document',
  'api-lint',
  'breaking-changes',
  'techdocs-runbook',
  'template-version',
] as const;

/** A guest token from the auth backend (the guest provider needs no session to refresh). */
export async function guestToken(baseURL: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(`guest refresh answered HTTP ${response.status}`);
  }
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** The catalog's answer for component:default/<name>, or undefined while it has none. */
export async function fetchComponent(
  baseURL: string,
  token: string,
  name: string,
): Promise<
  | {
      metadata: { name: string; annotations?: Record<string, string> };
      spec: { owner: string; system?: string; providesApis?: string[] };
    }
  | undefined
> {
  const response = await fetch(
    `${baseURL}/api/catalog/entities/by-name/component/default/${encodeURIComponent(
      name,
    )}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (response.status === 404) {
    return undefined;
  }
  if (!response.ok) {
    throw new Error(`catalog answered HTTP ${response.status} for ${name}`);
  }
  return response.json();
}

/** Opens the golden-path template's form from the Create page. */
export async function openGoldenPathForm(page: Page) {
  // The scaffolder's template cards carry no role of their own.
  const choose = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'New service (golden path)' })
    .getByRole('button', { name: 'Choose' });
  // The Create page lists templates once; right after the portal starts the catalog may
  // still be processing the template file, so the page is opened again until it is there.
  await expect(async () => {
    await page.goto('/create');
    await expect(choose).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000, intervals: [0] });
  await choose.click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * Picks a catalog entity in one of the form's pickers: an autocomplete over the catalog
 * that filters on the entities' titles. The options arrive once the picker has streamed its
 * entities, so the option is waited for, then the field must hold the choice.
 */
async function pick(page: Page, label: string, title: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(title);
  // The option's name is the entity's title (EntityDisplayName).
  await page
    .getByRole('option', { name: title })
    .first()
    .click({ timeout: 30_000 });
  await expect(input).toHaveValue(
    new RegExp(title.replace(/[^\w]+/g, '.*'), 'i'),
    { timeout: 10_000 },
  );
}

/** The first step of the form: name, description, owner and system. */
export async function fillServiceStep(page: Page, service: GoldenPathService) {
  await page.getByRole('textbox', { name: 'Name' }).fill(service.name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill(service.description);
  await pick(page, 'Owner', service.ownerTitle);
  await pick(page, 'System', service.systemTitle);
}

/**
 * Fills the whole form and stops on the review step, with Create one click away. Tier:
 * the template's default (tier 2); capabilities: the defaults (an HTTP API, no events).
 */
export async function fillGoldenPathForm(
  page: Page,
  service: GoldenPathService,
) {
  await fillServiceStep(page, service);
  // Next runs the form's validation, including the catalog look-up of the name.
  await page.getByRole('button', { name: 'Next' }).click();
  await pick(page, 'Escalation policy', service.escalationPolicyTitle);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('checkbox', { name: 'Exposes an HTTP API' }),
  ).toBeChecked({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toBeEnabled({
    timeout: 30_000,
  });
}

/** Presses Create; resolves once the click is delivered. */
export async function pressCreate(page: Page) {
  await page.getByRole('button', { name: 'Create' }).click();
}

/**
 * Waits for the scaffolder run to end with its output links. When it does not, the error
 * carries the end of the task page (the run log says which step failed and why).
 */
export async function waitForRunFinished(page: Page, timeoutMs: number) {
  try {
    await expect(
      page.getByRole('link', { name: 'Open in catalog' }),
    ).toBeVisible({ timeout: timeoutMs });
  } catch (error) {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '(page text unavailable)');
    throw new Error(
      `the scaffolder run did not finish with its links: ${
        (error as Error).message
      }\n--- task page (end) ---\n${text.slice(-3000)}`,
    );
  }
}

/**
 * Opens the entity page, reloading until the catalog has the entity (a page opened before
 * the catalog processed the new location says it was not found, and does not refresh).
 */
export async function openEntityPage(
  page: Page,
  name: string,
  timeoutMs: number,
) {
  const heading = page.getByRole('heading', { name, exact: true }).first();
  let attempts = 0;
  await expect(async () => {
    if (attempts++ === 0) {
      await page.goto(`/catalog/default/component/${name}`);
    } else {
      await page.reload();
    }
    await expect(heading).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: timeoutMs, intervals: [0] });
}

/** What the entity's scorecard card shows: each check's status chip, by check id. */
export type ScorecardState = Record<string, string>;

/**
 * Reads the scorecard card of the entity page once it has loaded (its subheader says how
 * many checks pass, or that none is evaluated yet).
 */
export async function readScorecard(page: Page): Promise<ScorecardState> {
  // One scorecard card per entity page: its subheader and items are found on the page.
  await expect(
    page.getByText(
      /^(No check evaluated yet|\d+ of \d+ evaluated checks pass)$/,
    ),
  ).toBeVisible({ timeout: 30_000 });
  const state: ScorecardState = {};
  for (const item of await page
    .locator('[data-testid^="adoption-check-"]')
    .all()) {
    const id = (await item.getAttribute('data-testid'))!.replace(
      'adoption-check-',
      '',
    );
    // The status chip, by its words (MUI v5 class names carry Backstage's v5- prefix).
    state[id] = (
      await item
        .getByText(/^(Pass|Fail|Not evaluated)$/)
        .first()
        .innerText({ timeout: 10_000 })
    )
      .trim()
      .toLowerCase();
  }
  return state;
}

/**
 * Reloads the entity page until its scorecard shows every one of `checks` evaluated, and
 * returns what it shows then. The card reads the facts when it mounts, and the fact
 * retrievers run on their schedule (every 5 s in the e2e portal): each reload is one look.
 * `onLook` sees every state read (the bench times the first evaluated check with it).
 */
export async function waitForScorecard(
  page: Page,
  checks: readonly string[],
  timeoutMs: number,
  options: {
    /**
     * 'evaluated' (the bench's measure): every check has a result. 'passed' (the journey's
     * assertion): every check passes; a check can fail on one retriever run and pass on the
     * next, e.g. when the API entity of the same catalog file is processed after the run
     * read the component, so the test waits for what it asserts, not for a first result.
     */
    until: 'evaluated' | 'passed';
    onLook?: (state: ScorecardState) => void;
  },
): Promise<ScorecardState> {
  const { until, onLook } = options;
  let state: ScorecardState = {};
  let attempts = 0;
  await expect(async () => {
    if (attempts++ > 0) {
      await page.reload();
    }
    state = await readScorecard(page);
    onLook?.(state);
    const pending = checks.filter(id =>
      until === 'passed'
        ? state[id] !== 'pass'
        : !state[id] || state[id] === 'not evaluated',
    );
    expect(
      pending,
      `checks not ${until} yet (last seen: ${JSON.stringify(state)})`,
    ).toEqual([]);
  }).toPass({ timeout: timeoutMs, intervals: [0] });
  return state;
}

/** Clones the repository over HTTP with the real git and returns its catalog-info.yaml. */
export async function cloneCatalogInfo(
  gitHostUrl: string,
  name: string,
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'plinth-golden-path-'));
  try {
    await run('git', ['clone', '--quiet', `${gitHostUrl}/${name}.git`, name], {
      cwd: dir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      timeout: 60_000,
    });
    return await readFile(path.join(dir, name, 'catalog-info.yaml'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
