/* eslint-disable no-console */
/**
 * The browser part of `make bench-scaffold`: from pressing Create on the golden-path
 * template to the new service in the catalog and to its scorecard computed, as the guest of
 * `make start` sees it. The portal as the browser tests run it (production frontend build
 * served by the real backend, infra/portal/serve-built.sh, app-config.yaml with make start's
 * schedules: scorecard retrievers every 10 s) with its own local git host
 * (infra/githost/githost.sh), both on free loopback ports, in Debian's Chromium.
 *
 *   sucrase-node bench/scaffold/createToScored.ts [--samples 5]
 *
 * The form steps are the Playwright journey's (packages/app/e2e-tests/goldenPath/journey.ts).
 * Per sample, from the Create click:
 *   catalogApiMs   the catalog API returns the entity (polled every 250 ms from Node);
 *   runFinishedMs  the task page shows its output links;
 *   entityPageMs   "Open in catalog" clicked, the entity page shows the entity (reloaded
 *                  while the catalog has not processed it yet);
 *   firstCheckMs   the entity page's scorecard shows a first evaluated check;
 *   scorecardMs    it shows every golden-path check evaluated.
 * The two scorecard figures are looks at a reloaded page: each includes up to one page
 * load (about a second) after the facts were stored. Prints a JSON report; timings are
 * reported, never asserted. The frontend must be built first (run.sh does it).
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  fetchComponent,
  fillGoldenPathForm,
  GOLDEN_PATH_CHECKS,
  growthService,
  guestToken,
  openEntityPage,
  openGoldenPathForm,
  pressCreate,
  uniqueServiceName,
  waitForRunFinished,
  waitForScorecard,
} from '../../packages/app/e2e-tests/goldenPath/journey';
import {
  arg,
  benchChromiumLaunchOptions,
  freeLoopbackPort,
  stopChildProcess,
  summarize,
  waitWhileRunning,
} from '@plinth/testing';

const ROOT = path.resolve(__dirname, '../..');
const launchOptions = benchChromiumLaunchOptions();
const screenshots = path.join(ROOT, 'e2e-test-results', 'bench-scaffold');

const log = (message: string) => console.error(`bench-scaffold: ${message}`);

type Sample = {
  name: string;
  catalogApiMs: number;
  runFinishedMs: number;
  entityPageMs: number;
  firstCheckMs: number;
  scorecardMs: number;
  /** Per check: the first look that showed it evaluated (which schedule it waited for). */
  checkMs: Record<string, number>;
  /** Checks of the golden path that did not pass (expected: none). */
  notPassing: string[];
};

/** Resolves with the time from `t0` at which the catalog API first returns the entity. */
async function catalogApiTime(
  baseURL: string,
  token: string,
  name: string,
  started: number,
  timeoutMs: number,
): Promise<number> {
  for (;;) {
    if (await fetchComponent(baseURL, token, name)) {
      return performance.now() - started;
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(`the catalog API never returned ${name}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

async function main() {
  const samples = Number(arg('samples') ?? 5);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plinth-bench-scaffold-'));
  const [port, gitHostPort] = [
    await freeLoopbackPort(),
    await freeLoopbackPort(),
  ];
  const baseURL = `http://localhost:${port}`;
  const gitHostRoot = path.join(dir, 'repos');
  const loadStart = os.loadavg();
  const logFd = openSync(path.join(dir, 'servers.log'), 'a');
  const gitHost = spawn(
    path.join(ROOT, 'infra/githost/githost.sh'),
    ['serve', '--port', String(gitHostPort), '--root', gitHostRoot],
    { stdio: ['ignore', logFd, logFd] },
  );
  // make start's schedules (app-config.yaml: retrievers and ownership snapshot every 10 s),
  // not the browser tests' 5 s overlay: the figure is what a newcomer on make start waits
  // for. Only the git host differs (its own port), as in app-config.e2e-golden-path.yaml.
  const configFile = path.join(dir, 'app-config.bench.yaml');
  const gitHostAddress = `127.0.0.1:${gitHostPort}`;
  // JSON is YAML; backend.reading.allow replaces app-config.yaml's list (arrays do).
  await writeFile(
    configFile,
    JSON.stringify({
      plinth: { gitHost: { baseUrl: `http://${gitHostAddress}` } },
      backend: { reading: { allow: [{ host: gitHostAddress }] } },
    }),
  );
  const portal = spawn(
    path.join(ROOT, 'infra/portal/serve-built.sh'),
    [String(port), '--config', configFile],
    { stdio: ['ignore', logFd, logFd] },
  );
  let browser: Browser | undefined;
  let done = false;
  try {
    await waitWhileRunning(
      gitHost,
      'the git host to start',
      60_000,
      async () => (await fetch(`http://127.0.0.1:${gitHostPort}/health`)).ok,
    );
    const startMs = await waitWhileRunning(
      portal,
      'the portal to start',
      5 * 60_000,
      async () => (await fetch(`${baseURL}/.backstage/health/v1/readiness`)).ok,
    );
    log(`portal ready in ${Math.round(startMs / 1000)} s`);
    browser = await chromium.launch(launchOptions);
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor({ timeout: 60_000 });
    const token = await guestToken(baseURL);

    // A sample that fails is counted and reported, not fatal to the run.
    const failures: string[] = [];
    const results: Sample[] = [];
    for (let i = 0; i < samples; i++) {
      const name = uniqueServiceName('gp-bench');
      try {
        await openGoldenPathForm(page);
        await fillGoldenPathForm(page, growthService(name));
        const started = performance.now();
        const inCatalog = catalogApiTime(
          baseURL,
          token,
          name,
          started,
          180_000,
        );
        // Kept from becoming an unhandled rejection while the page steps run.
        inCatalog.catch(() => undefined);
        await pressCreate(page);
        await waitForRunFinished(page, 180_000);
        const runFinishedMs = performance.now() - started;
        await page.getByRole('link', { name: 'Open in catalog' }).click();
        await openEntityPage(page, name, 120_000);
        const entityPageMs = performance.now() - started;
        let firstCheckMs: number | undefined;
        const checkMs: Record<string, number> = {};
        const scorecard = await waitForScorecard(
          page,
          GOLDEN_PATH_CHECKS,
          300_000,
          {
            until: 'evaluated',
            onLook: state => {
              const now = Math.round(performance.now() - started);
              for (const [id, status] of Object.entries(state)) {
                if (status !== 'not evaluated' && checkMs[id] === undefined) {
                  checkMs[id] = now;
                }
              }
              if (
                firstCheckMs === undefined &&
                Object.values(state).some(s => s !== 'not evaluated')
              ) {
                firstCheckMs = performance.now() - started;
              }
            },
          },
        );
        const scorecardMs = performance.now() - started;
        const sample: Sample = {
          name,
          catalogApiMs: Math.round(await inCatalog),
          runFinishedMs: Math.round(runFinishedMs),
          entityPageMs: Math.round(entityPageMs),
          firstCheckMs: Math.round(firstCheckMs ?? scorecardMs),
          scorecardMs: Math.round(scorecardMs),
          checkMs,
          notPassing: GOLDEN_PATH_CHECKS.filter(c => scorecard[c] !== 'pass'),
        };
        log(`sample ${i + 1}/${samples}: ${JSON.stringify(sample)}`);
        results.push(sample);
      } catch (error) {
        failures.push(`sample ${i + 1} (${name}): ${(error as Error).message}`);
        log(`sample ${i + 1}/${samples} failed: ${(error as Error).message}`);
        mkdirSync(screenshots, { recursive: true });
        await page
          .screenshot({ path: path.join(screenshots, `failed-${i + 1}.png`) })
          .catch(() => undefined);
      }
    }
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({
      path: path.join(screenshots, 'scorecard.png'),
      fullPage: true,
    });
    if (results.length === 0) {
      throw new Error(`No sample finished: ${failures.join('; ')}`);
    }
    const of = (key: keyof Omit<Sample, 'name' | 'checkMs' | 'notPassing'>) =>
      summarize(results.map(r => r[key]));
    const report = {
      bench: 'scaffold: Create -> catalog -> scorecard (browser)',
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageAtStart: loadStart.map(l => +l.toFixed(2)),
        loadAverageAtEnd: os.loadavg().map(l => +l.toFixed(2)),
      },
      portal:
        "packages/backend via infra/portal/serve-built.sh, production frontend build, guest sign-in (owner group growth), app-config.yaml (make start's schedules) + its own git host on loopback",
      schedules:
        'scorecard fact retrievers and ownership snapshot every 10 s (app-config.yaml, as on make start)',
      browser: `${
        launchOptions.executablePath
      } ${browser.version()} (Playwright), 1400x900`,
      portalStartMs: Math.round(startMs),
      samples,
      goldenPathChecks: [...GOLDEN_PATH_CHECKS],
      targetsMs: { entityVisible: 10_000, scorecardComputed: 30_000 },
      createToCatalogApiMs: of('catalogApiMs'),
      createToRunFinishedMs: of('runFinishedMs'),
      createToEntityPageMs: of('entityPageMs'),
      createToFirstCheckMs: of('firstCheckMs'),
      createToScorecardMs: of('scorecardMs'),
      // Which check the scorecard waited for: the escalation check reads the ownership
      // backend's snapshot, the others the catalog and the git host.
      createToCheckEvaluatedMs: Object.fromEntries(
        GOLDEN_PATH_CHECKS.map(id => [
          id,
          summarize(
            results.flatMap(r =>
              r.checkMs[id] === undefined ? [] : [r.checkMs[id]],
            ),
          ),
        ]),
      ),
      failedSamples: failures,
      perSample: results,
    };
    done = true;
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await browser?.close();
    await stopChildProcess(portal);
    await stopChildProcess(gitHost);
    if (done) {
      await rm(dir, { recursive: true, force: true });
    } else {
      log(`server log kept: ${path.join(dir, 'servers.log')}`);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
