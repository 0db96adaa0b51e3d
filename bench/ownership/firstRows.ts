/* eslint-disable no-console */
/**
 * Time to first rows on the Ownership page: the portal as users get it (production frontend
 * build served by the real backend, infra/portal/serve-built.sh, SQLite in memory) with the
 * synthetic catalog as its only catalog location, opened in Debian's Chromium via Playwright.
 *
 *   sucrase-node bench/ownership/firstRows.ts [--components 10000] [--runs 20]
 *
 * The frontend must be built first (yarn workspace @plinth/app build). Prints a JSON report;
 * timings are reported, never asserted.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
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
import { arg, catalogSize as size } from './args';
import { syntheticCatalog } from './syntheticCatalog';

const ROOT = path.resolve(__dirname, '../..');
const runs = Number(arg('runs') ?? 20);
const launchOptions = benchChromiumLaunchOptions();
const screenshots = path.join(ROOT, 'e2e-test-results', 'bench-ownership');

/** The first row of the matrix body; the header row has no data-row-index. */
const FIRST_ROW =
  '[role="table"][aria-label="Ownership matrix"] [role="row"][data-row-index="0"]';

type Timings = {
  /** Navigation start -> first matrix row laid out with a size (the frame it can be seen). */
  firstRowsMs: number;
  /** Navigation start -> every matching row loaded (the loading bar gone). */
  allRowsMs: number;
  /** Navigation start -> the app sends its first matrix request (boot, config, sign-in). */
  firstMatrixRequestMs: number;
  /** Matrix requests finished before the first rows. */
  matrixRequests: number;
};

// Functions below that run in the page are serialised by Playwright: they use only
// browser globals (performance is the global one here too, not an import).

/**
 * Runs in the page before any of its scripts: notes the frame in which the first matrix
 * row is in the layout, on the page's own clock (0 = navigation start).
 */
function probeFirstRows(selector: string) {
  const w = window as unknown as { __plinthFirstRowsMs?: number };
  const check = () => {
    const row = document.querySelector(selector);
    if (row && row.getBoundingClientRect().height > 0) {
      w.__plinthFirstRowsMs = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Starts the portal on its own port; the catalog reads only the synthetic catalog. */
async function startPortal(dir: string, port: number): Promise<ChildProcess> {
  const catalogFile = path.join(dir, 'synthetic-catalog.yaml');
  // JSON documents are YAML documents.
  await writeFile(
    catalogFile,
    syntheticCatalog(size)
      .map(entity => JSON.stringify(entity))
      .join('\n---\n'),
  );
  const configFile = path.join(dir, 'app-config.bench.yaml');
  await writeFile(
    configFile,
    JSON.stringify({
      catalog: {
        locations: [{ type: 'file', target: catalogFile }],
        // As in bench.ts: entities are not reprocessed while the page is measured.
        processingInterval: { minutes: 30 },
      },
    }),
  );
  const log = openSync(path.join(dir, 'portal.log'), 'a');
  return spawn(
    path.join(ROOT, 'infra/portal/serve-built.sh'),
    [String(port), '--config', configFile],
    { stdio: ['ignore', log, log] },
  );
}

async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in answered ${res.status}`);
  }
  const body = (await res.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

async function totalOf(base: string, token: string, path_: string) {
  const res = await fetch(`${base}${path_}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    throw new Error(`${path_} answered ${res.status}`);
  }
  return (await res.json()) as { totalItems: number; generatedAt?: string };
}

/** Opens /ownership and reads the probe and the resource timings of the page. */
async function openOwnershipPage(page: Page): Promise<Timings> {
  await page.goto('/ownership', { waitUntil: 'commit' });
  await page.locator(FIRST_ROW).waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(
    () =>
      (window as unknown as { __plinthFirstRowsMs?: number })
        .__plinthFirstRowsMs !== undefined,
  );
  // The page loads the remaining rows in the background after the first page is shown.
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-label="Loading matrix rows"]') &&
      /entit(y|ies) · snapshot/.test(document.body.innerText),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return page.evaluate(() => {
    const allRowsMs = performance.now();
    const firstRowsMs = (window as unknown as { __plinthFirstRowsMs: number })
      .__plinthFirstRowsMs;
    const matrix = performance
      .getEntriesByType('resource')
      .filter(entry => entry.name.includes('/api/ownership/v1/matrix?'));
    return {
      firstRowsMs,
      allRowsMs,
      firstMatrixRequestMs: Math.min(...matrix.map(entry => entry.startTime)),
      matrixRequests: matrix.filter(
        entry =>
          (entry as PerformanceResourceTiming).responseEnd <= firstRowsMs,
      ).length,
    };
  });
}

async function measure(browser: Browser, base: string) {
  const contextOptions = {
    baseURL: base,
    viewport: { width: 1400, height: 900 },
  };
  // Sign in once as guest; later visits restore the session as a returning user would.
  const setup = await browser.newContext(contextOptions);
  const signIn = await setup.newPage();
  await signIn.goto('/');
  await signIn.getByRole('button', { name: 'Enter' }).click();
  await signIn
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: 60_000 });
  const storageState = await setup.storageState();
  await setup.close();

  // Cold: a new browser context per visit, so an empty HTTP cache (every bundle fetched).
  // The very first visit is reported on its own: the server has not served the bundle yet.
  const cold: Timings[] = [];
  let shownTotal = '';
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({
      ...contextOptions,
      storageState,
    });
    await context.addInitScript(probeFirstRows, FIRST_ROW);
    const page = await context.newPage();
    cold.push(await openOwnershipPage(page));
    if (i === runs) {
      const summary = await page
        .getByText(/^[\d,]+ entit(y|ies) · snapshot/)
        .first()
        .textContent();
      shownTotal = summary?.split(' · ')[0] ?? '';
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({
        path: path.join(screenshots, 'first-rows.png'),
      });
    }
    await context.close();
    process.stderr.write(`\r  cold visits: ${i}/${runs}`);
  }
  process.stderr.write('\n');

  // Warm: the same tab navigates to the page again (bundles from the HTTP cache).
  const warm: Timings[] = [];
  const context = await browser.newContext({ ...contextOptions, storageState });
  await context.addInitScript(probeFirstRows, FIRST_ROW);
  const page = await context.newPage();
  await openOwnershipPage(page);
  for (let i = 0; i < runs; i++) {
    await page.goto('about:blank');
    warm.push(await openOwnershipPage(page));
  }
  await context.close();

  const [firstVisit, ...coldRuns] = cold;
  const report = (samples: Timings[]) => ({
    firstRowsMs: summarize(samples.map(s => s.firstRowsMs)),
    allRowsLoadedMs: summarize(samples.map(s => s.allRowsMs)),
    firstMatrixRequestMs: summarize(samples.map(s => s.firstMatrixRequestMs)),
    matrixRequestsBeforeRows: Math.max(...samples.map(s => s.matrixRequests)),
    samplesMs: samples.map(s => Math.round(s.firstRowsMs)),
  });
  return {
    firstVisitMs: Math.round(firstVisit.firstRowsMs),
    cold: report(coldRuns),
    warm: report(warm),
    shownTotal,
  };
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plinth-bench-page-'));
  const port = await freeLoopbackPort();
  const base = `http://localhost:${port}`;
  const started = performance.now();
  const portal = await startPortal(dir, port);
  let browser: Browser | undefined;
  let done = false;
  try {
    await waitWhileRunning(
      portal,
      'the portal to start',
      5 * 60_000,
      async () => {
        return (await fetch(`${base}/.backstage/health/v1/readiness`)).ok;
      },
    );
    const token = await guestToken(base);
    // Every component and policy processed, then a snapshot that includes them all.
    const catalogMs = await waitWhileRunning(
      portal,
      'the catalog to process every component and policy',
      25 * 60_000,
      async () => {
        const components = await totalOf(
          base,
          token,
          '/api/catalog/entities/by-query?filter=kind=component&limit=1',
        );
        const policies = await totalOf(
          base,
          token,
          '/api/catalog/entities/by-query?filter=kind=escalationpolicy&limit=1',
        );
        process.stderr.write(
          `\r  portal catalog: ${components.totalItems}/${size.components} components, ${policies.totalItems}/${size.policies} policies`,
        );
        return (
          components.totalItems >= size.components &&
          policies.totalItems >= size.policies
        );
      },
    );
    process.stderr.write('\n');
    const processedAt = new Date();
    await waitWhileRunning(
      portal,
      'an ownership snapshot of the whole catalog',
      5 * 60_000,
      async () => {
        const matrix = await totalOf(
          base,
          token,
          '/api/ownership/v1/matrix?limit=1',
        );
        return (
          matrix.totalItems >= size.components &&
          new Date(matrix.generatedAt!) > processedAt
        );
      },
    );

    browser = await chromium.launch(launchOptions);
    const results = await measure(browser, base);
    console.log(
      JSON.stringify(
        {
          portal:
            'packages/backend via infra/portal/serve-built.sh, production frontend build, SQLite in memory, guest sign-in',
          browser: `${
            launchOptions.executablePath
          } ${browser.version()} (Playwright), 1400x900`,
          size,
          catalogReadySeconds: Math.round(catalogMs / 1000),
          portalStartToMeasureSeconds: Math.round(
            (performance.now() - started) / 1000,
          ),
          runs,
          ...results,
        },
        null,
        2,
      ),
    );
    done = true;
  } finally {
    await browser?.close();
    await stopChildProcess(portal);
    if (done) {
      await rm(dir, { recursive: true, force: true });
    } else {
      console.error(`Portal log kept: ${path.join(dir, 'portal.log')}`);
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
