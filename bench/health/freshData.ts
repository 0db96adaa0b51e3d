/**
 * Time until the Pipelines page shows fresh data after navigation: the portal as users get
 * it (production frontend build served by the real backend, infra/portal/serve-built.sh,
 * its own pipeline-health plugin polling the bench's Kafka every 5 s) opened in Debian's
 * Chromium via Playwright. The frontend must be built first (run.sh does it).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  benchChromiumLaunchOptions,
  freeLoopbackPort,
  stopChildProcess,
  summarize,
  waitWhileRunning,
} from '@plinth/testing';

const ROOT = path.resolve(__dirname, '../..');
const launchOptions = benchChromiumLaunchOptions();
const screenshots = path.join(ROOT, 'e2e-test-results', 'bench-health');

type Visit = {
  /** Navigation start -> the frame in which every pipeline card and "Updated ..." are laid out. */
  shownMs: number;
  /** Age of the snapshot on screen at that frame: page clock minus the backend's generatedAt. */
  snapshotAgeMs: number;
};

// Runs in the page before any of its scripts (serialised by Playwright: browser globals only).
// No optional chaining or `??` in here: sucrase-node (run.sh) compiles them to a helper
// function of this module, which does not exist in the page, so the probe threw on its
// first check and no visit was ever measured (every one waited out its 120 s timeout).
// Likewise `window.performance`, not `performance`: when the module imported node:perf_hooks'
// `performance`, sucrase rewrote the bare name to that import, which the page lacks.
function probeShown(selector: string) {
  const w = window as unknown as {
    __plinthShown?: { ms: number; epochMs: number };
    __plinthRearm?: () => void;
  };
  const check = () => {
    const card = document.querySelector(selector);
    const updated = document.querySelector('[data-testid="updated-ago"]');
    const text = updated ? updated.textContent || '' : '';
    if (
      card &&
      card.getBoundingClientRect().height > 0 &&
      text.startsWith('Updated')
    ) {
      w.__plinthShown = { ms: window.performance.now(), epochMs: Date.now() };
      return;
    }
    // A timer, not requestAnimationFrame: one run's visit never got its frame callback
    // (headless Chromium may throttle it); 10 ms is finer than anything reported.
    setTimeout(check, 10);
  };
  // For in-app navigation (the page is already loaded): forget the last frame, look again.
  w.__plinthRearm = () => {
    w.__plinthShown = undefined;
    setTimeout(check, 0);
  };
  setTimeout(check, 0);
}

async function openPipelinesPage(
  page: Page,
  lastCardSelector: string,
): Promise<Visit> {
  // A cold visit on a loaded 2-core machine can take tens of seconds to fetch the bundles.
  const answer = page.waitForResponse(
    r => r.url().endsWith('/api/pipeline-health/v1/pipelines'),
    { timeout: 120_000 },
  );
  await page.goto('/pipelines', { waitUntil: 'commit', timeout: 120_000 });
  const { generatedAt } = (await (await answer).json()) as {
    generatedAt: string;
  };
  await page.locator(lastCardSelector).waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => (window as unknown as { __plinthShown?: unknown }).__plinthShown,
    undefined,
    { polling: 100, timeout: 120_000 },
  );
  const shown = await page.evaluate(
    () =>
      (window as unknown as { __plinthShown: { ms: number; epochMs: number } })
        .__plinthShown,
  );
  return {
    shownMs: shown.ms,
    snapshotAgeMs: shown.epochMs - Date.parse(generatedAt),
  };
}

/** Clicks through to the Pipelines page of an already loaded app, timed from the click. */
async function navigateInApp(
  page: Page,
  lastCardSelector: string,
  click: () => Promise<void>,
): Promise<Visit> {
  const answer = page.waitForResponse(
    r => r.url().endsWith('/api/pipeline-health/v1/pipelines'),
    { timeout: 60_000 },
  );
  const clickedMs = await page.evaluate(() => {
    const w = window as unknown as { __plinthRearm: () => void };
    w.__plinthRearm();
    return window.performance.now();
  });
  await click();
  const { generatedAt } = (await (await answer).json()) as {
    generatedAt: string;
  };
  await page.locator(lastCardSelector).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => (window as unknown as { __plinthShown?: unknown }).__plinthShown,
    undefined,
    { polling: 100, timeout: 60_000 },
  );
  const shown = await page.evaluate(
    () =>
      (window as unknown as { __plinthShown: { ms: number; epochMs: number } })
        .__plinthShown,
  );
  return {
    shownMs: shown.ms - clickedMs,
    snapshotAgeMs: shown.epochMs - Date.parse(generatedAt),
  };
}

/**
 * Starts the portal with `pipelineHealth` pointed at the bench's Kafka, waits for its
 * first poll, then opens the Pipelines page `runs` times cold and `runs` times warm.
 */
export async function measureFreshData(options: {
  pipelineHealth: Record<string, unknown>;
  lastPipelineId: string;
  runs: number;
  log: (message: string) => void;
}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plinth-bench-health-'));
  const port = await freeLoopbackPort();
  const base = `http://localhost:${port}`;
  const configFile = path.join(dir, 'app-config.bench.yaml');
  // JSON is YAML. Arrays (pipelines) replace app-config's, objects merge with it.
  await writeFile(
    configFile,
    JSON.stringify({ pipelineHealth: options.pipelineHealth }),
  );
  const logFd = openSync(path.join(dir, 'portal.log'), 'a');
  const portal = spawn(
    path.join(ROOT, 'infra/portal/serve-built.sh'),
    [String(port), '--config', configFile],
    { stdio: ['ignore', logFd, logFd] },
  );
  let browser: Browser | undefined;
  let done = false;
  const selector = `[data-testid="pipeline-card-${options.lastPipelineId}"]`;
  try {
    const startMs = await waitWhileRunning(
      portal,
      'the portal to start',
      5 * 60_000,
      async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    );
    options.log(`portal ready in ${Math.round(startMs / 1000)} s`);
    browser = await chromium.launch(launchOptions);
    const contextOptions = {
      baseURL: base,
      viewport: { width: 1400, height: 900 },
    };
    const setup = await browser.newContext(contextOptions);
    const signIn = await setup.newPage();
    await signIn.goto('/');
    await signIn.getByRole('button', { name: 'Enter' }).click();
    await signIn
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor({ timeout: 60_000 });
    const storageState = await setup.storageState();
    // Measure only once the portal's own poll has numbers for every pipeline.
    await waitWhileRunning(
      portal,
      "the portal's first poll",
      2 * 60_000,
      async () => {
        await signIn.goto('/pipelines');
        await signIn.locator(selector).waitFor({ timeout: 10_000 });
        return /Updated/.test(
          (await signIn.getByTestId('updated-ago').textContent()) ?? '',
        );
      },
    );
    await setup.close();

    // A visit that never shows the page is counted and reported, not fatal to the run.
    const failures: string[] = [];
    const cold: Visit[] = [];
    for (let i = 0; i <= options.runs; i++) {
      const context = await browser.newContext({
        ...contextOptions,
        storageState,
      });
      await context.addInitScript(probeShown, selector);
      const page = await context.newPage();
      try {
        cold.push(await openPipelinesPage(page, selector));
      } catch (error) {
        failures.push(`cold visit ${i}: ${(error as Error).message}`);
      }
      if (i === options.runs) {
        mkdirSync(screenshots, { recursive: true });
        await page.screenshot({
          path: path.join(screenshots, 'pipelines.png'),
        });
      }
      await context.close();
    }
    const warm: Visit[] = [];
    const context = await browser.newContext({
      ...contextOptions,
      storageState,
    });
    await context.addInitScript(probeShown, selector);
    const page = await context.newPage();
    await openPipelinesPage(page, selector);
    for (let i = 0; i < options.runs; i++) {
      await page.goto('about:blank');
      try {
        warm.push(await openPipelinesPage(page, selector));
      } catch (error) {
        failures.push(`warm visit ${i}: ${(error as Error).message}`);
      }
    }
    await context.close();

    // In-app navigation, what a user of the portal mostly does: the app is loaded (home
    // page), then a click on Pipelines in the sidebar; timed from the click.
    const inApp: Visit[] = [];
    const appContext = await browser.newContext({
      ...contextOptions,
      storageState,
    });
    await appContext.addInitScript(probeShown, selector);
    const appPage = await appContext.newPage();
    const sidebar = appPage.getByTestId('sidebar-root');
    for (let i = 0; i <= options.runs; i++) {
      try {
        await appPage.goto('/');
        await sidebar
          .getByRole('link', { name: 'Pipelines', exact: true })
          .waitFor({ timeout: 60_000 });
        const visit = await navigateInApp(appPage, selector, () =>
          sidebar.getByRole('link', { name: 'Pipelines', exact: true }).click(),
        );
        // The first click also loads the page's own chunk; report the rest.
        if (i > 0) {
          inApp.push(visit);
        }
      } catch (error) {
        failures.push(`in-app visit ${i}: ${(error as Error).message}`);
      }
    }
    await appContext.close();

    if (cold.length < 2 || warm.length < 1) {
      throw new Error(`Too few visits showed the page: ${failures.join('; ')}`);
    }
    const [firstVisit, ...coldRuns] = cold;
    const report = (visits: Visit[]) => ({
      shownMs: summarize(visits.map(v => v.shownMs)),
      snapshotAgeMs: summarize(visits.map(v => v.snapshotAgeMs)),
    });
    done = true;
    return {
      portal:
        'packages/backend via infra/portal/serve-built.sh, production frontend build, guest sign-in, its own pipeline-health poll on the bench Kafka',
      browser: `${
        launchOptions.executablePath
      } ${browser.version()} (Playwright), 1400x900`,
      runs: options.runs,
      firstVisitShownMs: Math.round(firstVisit.shownMs),
      failedVisits: failures,
      cold: report(coldRuns),
      warm: report(warm),
      inAppNavigation: inApp.length > 0 ? report(inApp) : undefined,
    };
  } finally {
    await browser?.close();
    await stopChildProcess(portal);
    if (done) {
      await rm(dir, { recursive: true, force: true });
    } else {
      options.log(`portal log kept: ${path.join(dir, 'portal.log')}`);
    }
  }
}
