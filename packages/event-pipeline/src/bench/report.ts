import { ProfileSummary } from './cpuProfile';

export interface PhaseResult {
  path: 'ingester' | 'kafka-engine' | 'naive';
  phase: '2k' | '10k' | 'max' | 'backlog';
  offered: number | 'max' | 'backlog';
  produced: number;
  produceRate: number;
  /** Distinct event ids in ClickHouse at the end of the phase. */
  stored: number;
  drained: boolean;
  /** produced - stored once drained; undefined when the path did not catch up in time. */
  lost?: number;
  behind: number;
  ingestRate?: number;
  latency?: { p50: number; p99: number; max: number };
  peakRssMiB?: number;
  cpu?: {
    path?: number;
    clickhouse?: number;
    kafka?: number;
    wallSeconds: number;
  };
  /** Average cores that other processes on the machine used during the phase. */
  otherCores?: number;
}

export interface RunResult {
  date: string;
  machine: string;
  loadAverageAtStart: number;
  phaseSeconds: number;
  partitions: number;
  backlog: number;
  naiveBacklog: number;
  latencyBasis: Record<string, string>;
  phases: PhaseResult[];
  profile?: ProfileSummary;
  wallSeconds: number;
}

/**
 * A Markdown table padded the way Prettier pads it, so `prettier --check` accepts the
 * generated results file as it is.
 */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

export const SECTION_START = '<!-- bench-ingest:start -->';
export const SECTION_END = '<!-- bench-ingest:end -->';

const int = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n)
    ? '–'
    : Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function offeredLabel(p: PhaseResult) {
  if (p.offered === 'backlog') return 'backlog drain';
  if (p.offered === 'max') return 'max (unthrottled)';
  return `${int(p.offered)}/s`;
}

function lostLabel(p: PhaseResult) {
  if (p.lost !== undefined) return int(p.lost);
  return `– (${int(p.behind)} still queued at cut-off)`;
}

function latencyLabel(p: PhaseResult) {
  if (!p.latency) return '–';
  return `${int(p.latency.p50)} / ${int(p.latency.p99)} / ${int(
    p.latency.max,
  )}`;
}

function find(
  run: RunResult,
  path: PhaseResult['path'],
  phase: PhaseResult['phase'],
) {
  return run.phases.find(p => p.path === path && p.phase === phase);
}

function targets(run: RunResult): string[] {
  const at10k = find(run, 'ingester', '10k');
  const backlog = find(run, 'ingester', 'backlog');
  if (!at10k || !backlog) return [];
  const rss = Math.max(
    ...run.phases
      .filter(p => p.path === 'ingester')
      .map(p => p.peakRssMiB ?? 0),
  );
  const lost = run.phases
    .filter(p => p.path === 'ingester')
    .reduce((sum, p) => sum + (p.lost ?? Number.NaN), 0);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return markdownTable(
    ['target (ingester, one process)', 'measured', 'verdict'],
    [
      [
        'P99 < 100 ms at 10k events/s',
        `${int(at10k.latency?.p99)} ms`,
        verdict((at10k.latency?.p99 ?? Infinity) < 100),
      ],
      [
        '>= 50,000 events/s sustained',
        `${int(backlog.ingestRate)} events/s`,
        verdict((backlog.ingestRate ?? 0) >= 50_000),
      ],
      ['peak RSS < 300 MB', `${int(rss)} MiB`, verdict(rss > 0 && rss < 300)],
      [
        '0 events lost',
        Number.isNaN(lost) ? 'not all phases drained' : int(lost),
        verdict(lost === 0),
      ],
    ],
  );
}

export function renderResults(run: RunResult): string {
  const lines: string[] = [];
  lines.push(
    `Run of ${run.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} on ${
      run.machine
    }; ` +
      `load average ${run.loadAverageAtStart.toFixed(
        2,
      )} at start (the machine is shared). ` +
      `Kafka 3.9.2 (one broker) and ClickHouse 18.16.1 started by the benchmark; every phase on ` +
      `a fresh topic of ${run.partitions} partitions into the same table layout ` +
      `(plinth_events.events); rate phases last ${run.phaseSeconds} s; the load generator runs on ` +
      `the same machine. Wall time ${Math.round(run.wallSeconds)} s.`,
    '',
  );
  const t = targets(run);
  if (t.length > 0) lines.push(...t, '');
  lines.push(
    ...markdownTable(
      [
        'path',
        'offered load',
        'produced (rate/s)',
        'stored (distinct ids)',
        'lost',
        'ingest rate (events/s)',
        'latency P50 / P99 / max (ms)',
        'peak RSS (MiB)',
        'other load (cores)',
      ],
      run.phases.map(p => [
        p.path,
        offeredLabel(p),
        `${int(p.produced)} (${int(p.produceRate)})`,
        int(p.stored),
        lostLabel(p),
        int(p.ingestRate),
        latencyLabel(p),
        p.peakRssMiB ? int(p.peakRssMiB) : 'in server',
        p.otherCores === undefined ? '–' : p.otherCores.toFixed(2),
      ]),
    ),
  );
  if (run.phases.some(p => p.path === 'naive') && !find(run, 'naive', '10k')) {
    lines.push(
      '',
      'naive: the 10k and max phases are not run: one insert per message is saturated below 2k/s already.',
    );
  }
  lines.push(
    '',
    'Each rate phase starts with 3 s of the same load as a warm-up: those events are stored and',
    'counted (produced, stored, lost) but not in the latency figures. "other load" is the CPU',
    'used during the phase by everything but the benchmark, the path, Kafka and ClickHouse',
    '(other programs on this shared machine, and the kernel, e.g. flushing writes to disk), in',
    'cores out of 2: latency tails grow with it.',
    '',
    'Latency is measured as:',
    '',
  );
  for (const [path, basis] of Object.entries(run.latencyBasis)) {
    lines.push(`- ${path}: ${basis}`);
  }
  lines.push(
    '- "ingest rate" is rows / (last insert - first insert) of the phase (kafka-engine: polled',
    '  every 500 ms, its insert time has one-second resolution); the backlog row is the sustained',
    `  throughput: ${int(run.backlog)} events (naive: ${int(
      run.naiveBacklog,
    )}) queued before the path starts.`,
    '  Backlog rows have no latency: those events waited for the path to start by design.',
  );

  const cpuRows = run.phases.filter(p => p.phase === 'backlog' && p.cpu);
  if (cpuRows.length > 0) {
    lines.push(
      '',
      'CPU seconds used while draining the backlog, from the path being started (so without',
      'its start-up) until every event was stored (2 cores = 2 CPU-s per wall second):',
      '',
    );
    const f = (n?: number) => (n === undefined ? '–' : n.toFixed(1));
    lines.push(
      ...markdownTable(
        ['path', 'wall s', 'path process', 'ClickHouse server', 'Kafka broker'],
        cpuRows.map(p => [
          p.path,
          f(p.cpu!.wallSeconds),
          p.path === 'kafka-engine' ? '(in server)' : f(p.cpu!.path),
          f(p.cpu!.clickhouse),
          f(p.cpu!.kafka),
        ]),
      ),
    );
  }
  if (run.profile) {
    lines.push(
      '',
      `Ingester CPU profile during the backlog drain (node --cpu-prof, ${(
        run.profile.totalMs / 1000
      ).toFixed(1)} s sampled):`,
      '',
      ...markdownTable(
        ['where', 'share of samples'],
        run.profile.categories
          .filter(c => c.share >= 0.0005)
          .map(c => [c.name, pct(c.share)]),
      ),
      '',
      ...markdownTable(
        ['top functions by self time', 'category', 'share'],
        run.profile.top.map(f => [
          `\`${f.frame.replace(/\|/g, '\\|')}\``,
          f.category,
          pct(f.share),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

const SECTION = `## Event ingestion: ingester vs. Kafka engine vs. naive consumer (\`make bench-ingest\`)

${SECTION_START}
${SECTION_END}
`;

const HEADER = `# Benchmarks

Each section is written by its benchmark between its markers; text outside them is kept.
`;

/** Replaces the bench-ingest section of RESULTS.md (adding it, or the file, if needed). */
export function updateResultsFile(existing: string, section: string): string {
  let base = existing;
  if (!base.includes(SECTION_START)) {
    base = base.trim()
      ? `${base.trimEnd()}\n\n${SECTION}`
      : `${HEADER}\n${SECTION}`;
  }
  const start = base.indexOf(SECTION_START) + SECTION_START.length;
  const end = base.indexOf(SECTION_END);
  return `${base.slice(0, start)}\n\n${section}\n\n${base.slice(end)}`;
}
