/**
 * make bench-api-diff: Plinth's diff engine (the plinth-api CLI), oasdiff and openapi-diff
 * on consecutive releases of GitHub's REST API description, each tool as a child process
 * measured by GNU time. Prints a table on stderr and the raw figures as JSON on stdout.
 *   sucrase-node bench/api-diff/src/bench.ts [--quick] [--pairs 21.0.0:22.0.0,...]
 *     [--timeout 120] [--openapi-diff-timeout 90] [--no-openapi-diff]
 * Run from the repository root after bench/api-diff/fetch.sh (run.sh does both).
 */
import type { Change } from '@plinth/openapi-governance';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agreement, OasdiffFinding, compareWithOasdiff } from './agreement';
import { RunCost, RunResult, measure } from './measure';
import { outputPath } from './outputs';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/**
 * Every release of @octokit/openapi the npm mirror serves (`npm view @octokit/openapi
 * versions`), oldest first; the full run diffs each with the next. 2.2.1 -> 10.0.0 spans
 * three years of the API; 23.0.1 -> 23.0.2 changed no operation.
 */
export const VERSIONS = [
  '2.2.1',
  '10.0.0',
  '12.0.0',
  '14.0.0',
  '16.0.0',
  '16.6.0',
  '17.0.0',
  '18.0.0',
  '18.2.0',
  '19.0.0',
  '19.1.0',
  '20.0.0',
  '21.0.0',
  '22.0.0',
  '23.0.0',
  '23.0.1',
  '23.0.2',
];
export const FULL_PAIRS: Array<[string, string]> = VERSIONS.slice(1).map(
  (head, i) => [VERSIONS[i], head],
);
export const QUICK_PAIRS: Array<[string, string]> = [['21.0.0', '22.0.0']];

const ROOT = process.cwd();
const CACHE = path.join(ROOT, '.cache/bench');
const OASDIFF = path.join(CACHE, 'bin/oasdiff');

const PLINTH_API = path.join(
  ROOT,
  'packages/openapi-governance/bin/plinth-api',
);
const timeoutS = Number(option('timeout') ?? 120);
const openapiDiffTimeoutS = Number(option('openapi-diff-timeout') ?? 90);
const quick = flag('quick');
const withOpenapiDiff = !flag('no-openapi-diff') && !quick;
const log = (line: string) => process.stderr.write(`${line}\n`);

function pairsToRun(): Array<[string, string]> {
  const given = option('pairs');
  if (!given) return quick ? QUICK_PAIRS : FULL_PAIRS;
  return given.split(',').map(p => {
    const [base, head] = p.split(':');
    if (!base || !head) throw new Error(`--pairs: "${p}" is not base:head`);
    return [base, head];
  });
}

const specPath = (version: string) =>
  path.join(CACHE, 'octokit', `${version}.json`);

function keep(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

type Counts = Record<string, number>;

interface ToolRun {
  cost: RunCost;
  counts?: Counts;
  error?: string;
}

function cost(run: RunResult): RunCost {
  const { stdout: _stdout, stderrTail: _stderr, ...figures } = run;
  return figures;
}

function failure(run: RunResult, tool: string): string {
  if (run.timedOut) return `${tool} killed after the ${run.wallS} s limit`;
  const last = run.stderrTail.trim().split('\n').slice(-2).join(' | ');
  return `${tool} exited with ${run.exitCode}: ${last}`;
}

function countBy<T>(items: T[], keyOf: (item: T) => string): Counts {
  const counts: Counts = {};
  for (const item of items)
    counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

async function runPlinth(
  base: string,
  head: string,
  now: string,
  output: string,
) {
  const run = await measure(
    'node',
    [PLINTH_API, 'diff', base, head, '--format', 'json', '--now', now],
    { timeoutS },
  );
  // Exit 1 means "breaking changes found", which is the normal case here.
  if (run.exitCode !== 0 && run.exitCode !== 1) {
    return { run: { cost: cost(run), error: failure(run, 'plinth-api') } };
  }
  keep(output, run.stdout);
  const changes = JSON.parse(run.stdout).changes as Change[];
  return {
    run: { cost: cost(run), counts: countBy(changes, c => c.severity) },
    changes,
  };
}

const LEVELS: Record<number, string> = { 3: 'error', 2: 'warning', 1: 'info' };

async function runOasdiff(
  command: 'breaking' | 'changelog',
  base: string,
  head: string,
  output: string,
  options: string[] = [],
) {
  const run = await measure(
    OASDIFF,
    [command, base, head, '--format', 'json', ...options],
    {
      timeoutS,
    },
  );
  if (run.exitCode !== 0) {
    return {
      run: { cost: cost(run), error: failure(run, `oasdiff ${command}`) },
    };
  }
  keep(output, run.stdout || '[]');
  const findings = JSON.parse(run.stdout || '[]') as OasdiffFinding[];
  return {
    run: {
      cost: cost(run),
      counts: countBy(findings, f => LEVELS[f.level] ?? String(f.level)),
    },
    findings,
  };
}

async function runOpenapiDiff(base: string, head: string): Promise<ToolRun> {
  const run = await measure(
    'sucrase-node',
    [path.join(ROOT, 'bench/api-diff/src/runOpenapiDiff.ts'), base, head],
    {
      timeoutS: openapiDiffTimeoutS,
      // A bounded heap: unbounded, it grew past 4 GB on 22.0.0 -> 23.0.0 and crashed after 5 minutes.
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=1024' },
    },
  );
  if (run.exitCode !== 0) {
    return { cost: cost(run), error: failure(run, 'openapi-diff') };
  }
  return { cost: cost(run), counts: JSON.parse(run.stdout) };
}

interface PairReport {
  base: string;
  head: string;
  operations: { base: number; head: number };
  plinth: ToolRun;
  oasdiffBreaking: ToolRun;
  oasdiffChangelog: ToolRun;
  openapiDiff?: ToolRun | { skipped: string };
  /** Plinth breaking vs oasdiff ERR. */
  agreement?: Agreement;
  /** Plinth breaking + potentially breaking vs oasdiff ERR + WARN. */
  agreementWithWarnings?: Agreement;
  /**
   * oasdiff merging allOf members first (`--flatten-allof`), as Plinth always does: its
   * default compares allOf lists member by member, so wrapping a $ref in an allOf reads as
   * every property of it removed.
   */
  oasdiffChangelogFlattenAllOf: ToolRun;
  /** Plinth breaking vs oasdiff ERR with --flatten-allof. */
  agreementFlattenAllOf?: Agreement;
}

function operationCount(file: string): number {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const methods = [
    'get',
    'put',
    'post',
    'delete',
    'options',
    'head',
    'patch',
    'trace',
  ];
  let n = 0;
  for (const item of Object.values(doc.paths ?? {}) as Array<
    Record<string, unknown>
  >) {
    for (const m of methods) if (item && item[m]) n++;
  }
  return n;
}

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}

const fmt = (run: ToolRun | { skipped: string } | undefined) => {
  if (!run) return 'not run';
  if ('skipped' in run) return 'skipped';
  if (run.error) return run.cost.timedOut ? 'timeout' : 'failed';
  return `${run.cost.wallS.toFixed(1)} s (cpu ${run.cost.cpuS.toFixed(1)}) ${
    run.cost.maxRssMb
  } MB`;
};

function printTable(reports: PairReport[]) {
  const rows = [
    [
      'pair',
      'plinth wall (cpu) RSS',
      'oasdiff breaking',
      'oasdiff changelog',
      'openapi-diff',
      'plinth B/P/N',
      'oasdiff ERR/WARN/INFO',
      'agree',
      'agree (flatten-allof)',
    ],
  ];
  for (const r of reports) {
    const pc = r.plinth.counts ?? {};
    const oc = r.oasdiffChangelog.counts ?? {};
    rows.push([
      `${r.base} -> ${r.head}`,
      fmt(r.plinth),
      fmt(r.oasdiffBreaking),
      fmt(r.oasdiffChangelog),
      fmt(r.openapiDiff),
      `${pc.breaking ?? 0}/${pc['potentially-breaking'] ?? 0}/${
        pc['non-breaking'] ?? 0
      }`,
      `${oc.error ?? 0}/${oc.warning ?? 0}/${oc.info ?? 0}`,
      r.agreement ? `${(r.agreement.agreement * 100).toFixed(1)} %` : '-',
      r.agreementFlattenAllOf
        ? `${(r.agreementFlattenAllOf.agreement * 100).toFixed(1)} %`
        : '-',
    ]);
  }
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map(row => row[i].length)),
  );
  for (const row of rows) {
    log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  }
}

async function main() {
  const pairs = pairsToRun();
  // Inputs and oasdiff into .cache/bench; each is skipped when it is there already.
  execFileSync(
    path.join(ROOT, 'bench/api-diff/fetch.sh'),
    [...new Set(pairs.flat())],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const startedAt = new Date();
  const load = { start: os.loadavg().map(l => +l.toFixed(2)) };
  const uptimeStart = uptime();
  // Sunset dates are compared with the day of the run, as a CI gate would.
  const now = startedAt.toISOString().slice(0, 10);

  // What starting each tool costs, on two 4 KB documents: Plinth runs TypeScript sources
  // through Backstage's SWC transform on every start, oasdiff is a compiled binary.
  const small = [
    'examples/apis/openapi/user-provisioning-v1.yaml',
    'examples/apis/openapi/user-provisioning-v2.yaml',
  ];
  const startup = {
    plinth: cost(
      await measure(
        'node',
        [PLINTH_API, 'diff', ...small, '--format', 'json'],
        { timeoutS },
      ),
    ),
    oasdiff: cost(
      await measure(OASDIFF, ['breaking', ...small, '--format', 'json'], {
        timeoutS,
      }),
    ),
  };
  log(
    `startup on a small pair: plinth ${startup.plinth.wallS} s, oasdiff ${startup.oasdiff.wallS} s`,
  );

  const reports: PairReport[] = [];
  let openapiDiffFailed: string | undefined;
  for (const [baseVersion, headVersion] of pairs) {
    const base = specPath(baseVersion);
    const head = specPath(headVersion);
    log(`== ${baseVersion} -> ${headVersion}`);
    const out = (tool: string) => outputPath(baseVersion, headVersion, tool);
    const plinth = await runPlinth(base, head, now, out('plinth'));
    log(`   plinth            ${fmt(plinth.run)}`);
    const breaking = await runOasdiff(
      'breaking',
      base,
      head,
      out('oasdiff-breaking'),
    );
    log(`   oasdiff breaking  ${fmt(breaking.run)}`);
    const changelog = await runOasdiff(
      'changelog',
      base,
      head,
      out('oasdiff-changelog'),
    );
    log(`   oasdiff changelog ${fmt(changelog.run)}`);
    const flattened = await runOasdiff(
      'changelog',
      base,
      head,
      out('oasdiff-changelog-flatten-allof'),
      ['--flatten-allof'],
    );
    log(`   oasdiff changelog --flatten-allof ${fmt(flattened.run)}`);
    let openapiDiff: PairReport['openapiDiff'];
    if (!withOpenapiDiff) {
      openapiDiff = { skipped: quick ? '--quick' : '--no-openapi-diff' };
    } else if (openapiDiffFailed) {
      // Bounded run time: a tool that exhausted its limits on one full document does so on all.
      openapiDiff = { skipped: `failed on ${openapiDiffFailed}` };
    } else {
      openapiDiff = await runOpenapiDiff(base, head);
      if (openapiDiff.error)
        openapiDiffFailed = `${baseVersion} -> ${headVersion}`;
    }
    log(`   openapi-diff      ${fmt(openapiDiff)}`);
    // The changelog holds every level, the breaking command's findings included.
    const agreement =
      plinth.changes && changelog.findings
        ? compareWithOasdiff(plinth.changes, changelog.findings, 'breaking')
        : undefined;
    const agreementWithWarnings =
      plinth.changes && changelog.findings
        ? compareWithOasdiff(
            plinth.changes,
            changelog.findings,
            'breaking-or-potentially',
          )
        : undefined;
    const agreementFlattenAllOf =
      plinth.changes && flattened.findings
        ? compareWithOasdiff(plinth.changes, flattened.findings, 'breaking')
        : undefined;
    if (agreement) {
      log(
        `   agreement ${(agreement.agreement * 100).toFixed(1)} % (${
          agreement.both
        } keys in both; plinth ${agreement.plinth}, oasdiff ${
          agreement.oasdiff
        } operation+category keys)`,
      );
    }
    reports.push({
      base: baseVersion,
      head: headVersion,
      operations: { base: operationCount(base), head: operationCount(head) },
      plinth: plinth.run,
      oasdiffBreaking: breaking.run,
      oasdiffChangelog: changelog.run,
      openapiDiff,
      agreement,
      agreementWithWarnings,
      oasdiffChangelogFlattenAllOf: flattened.run,
      agreementFlattenAllOf,
    });
  }
  printTable(reports);

  const overallOf = (pick: (r: PairReport) => Agreement | undefined) => {
    const totals = reports.reduce(
      (sum, r) => {
        const a = pick(r);
        return {
          both: sum.both + (a?.both ?? 0),
          union: sum.union + (a ? a.plinth + a.oasdiff - a.both : 0),
        };
      },
      { both: 0, union: 0 },
    );
    return totals.union === 0 ? 1 : +(totals.both / totals.union).toFixed(4);
  };
  const overall = overallOf(r => r.agreement);
  const overallFlattenAllOf = overallOf(r => r.agreementFlattenAllOf);
  log(
    `overall agreement on breaking changes: ${(overall * 100).toFixed(
      1,
    )} % (oasdiff --flatten-allof: ${(overallFlattenAllOf * 100).toFixed(
      1,
    )} %)`,
  );

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
      node: process.version,
      loadAverage: { ...load, end: os.loadavg().map(l => +l.toFixed(2)) },
      uptime: { start: uptimeStart, end: uptime() },
    },
    tools: {
      plinth:
        'packages/openapi-governance/bin/plinth-api diff --format json (node, SWC transform of the sources at start)',
      oasdiff:
        'oasdiff v1.38.0 (go install), breaking / changelog --format json, default options; changelog again with --flatten-allof for agreementFlattenAllOf',
      openapiDiff:
        'openapi-diff 0.24.1 Node API (diffSpecs), heap limited to 1 GB',
      measuredWith:
        '/usr/bin/time -f "%e %U %S %M" + timeout --signal=KILL, one child process per tool and pair',
    },
    quick,
    startup,
    pairs: reports,
    overallAgreement: overall,
    overallAgreementFlattenAllOf: overallFlattenAllOf,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch(error => {
  log((error as Error).stack ?? String(error));
  process.exit(1);
});
