import { ClickHouseClient } from '@clickhouse/client';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sqlString } from '../clickhouse/sql';
import { LoadReport } from '../loadgen/LoadGenerator';
import { summarize } from '../stats/percentiles';
import {
  eventually,
  queryRows,
  REPO_ROOT,
  TestClickHouse,
  TestKafka,
} from '../testing/infra';
import { EventFactory } from '../loadgen/EventFactory';
import { LoadGenerator } from '../loadgen/LoadGenerator';
import { silentLogger } from '../logging/Logger';
import {
  createKafka,
  KafkajsAdmin,
  KafkajsPublisher,
} from '../kafka/KafkajsEventLog';
import { summarizeProfile } from './cpuProfile';
import {
  IngesterPath,
  IngestionPath,
  KafkaEnginePath,
  NaivePath,
} from './ingestionPaths';
import {
  cpuSeconds,
  describeMachine,
  findPid,
  loadAverage,
  machineBusySeconds,
  ownCpuSeconds,
} from './processStats';
import {
  PhaseResult,
  renderResults,
  RunResult,
  updateResultsFile,
} from './report';

/**
 * `make bench-ingest`: one run, on this machine, of three ways into ClickHouse on the same
 * topic layout (6 partitions) and table layout (plinth_events.events):
 * the pipeline's ingester, ClickHouse's Kafka engine + materialized view, and a naive
 * one-insert-per-message consumer. Starts its own Kafka and ClickHouse on bench ports,
 * prints a table and rewrites the bench-ingest section of bench/RESULTS.md.
 */
const { values: flags } = parseArgs({
  options: {
    'phase-seconds': { type: 'string', default: '20' },
    backlog: { type: 'string', default: '600000' },
    'naive-backlog': { type: 'string', default: '10000' },
    paths: { type: 'string', default: 'ingester,kafka-engine,naive' },
    results: {
      type: 'string',
      default: path.join(REPO_ROOT, 'bench/RESULTS.md'),
    },
    'no-results': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const PHASE_MS = Number(flags['phase-seconds']) * 1000;
const WARMUP_MS = 3000;
const BACKLOG = Number(flags.backlog);
const NAIVE_BACKLOG = Number(flags['naive-backlog']);
const PARTITIONS = 6;
const WORK_DIR = path.join(REPO_ROOT, '.cache/bench/ingest');

const kafka = new TestKafka('bench-b1-p49092', 49092, 1);
const clickhouse = new TestClickHouse('bench-p48123', 48123);

const cpu = (pid?: number) => (pid ? cpuSeconds(pid) : undefined);
const diff = (a?: number, b?: number) =>
  a !== undefined && b !== undefined ? a - b : undefined;

/**
 * Measures how much CPU everything else on the (shared) machine took during a phase: all
 * busy CPU time minus that of the benchmark, the path, Kafka and ClickHouse.
 */
function otherLoadMeter(pathPid: () => number | undefined) {
  const ours = () => {
    const pids = [
      pathPid(),
      findPid(`${clickhouse.name}/config.xml`),
      findPid(`${kafka.name}/node-1/server.properties`),
    ];
    return (
      ownCpuSeconds() +
      pids.reduce((sum: number, pid) => sum + (cpu(pid) ?? 0), 0)
    );
  };
  const start = {
    at: Date.now(),
    busy: machineBusySeconds() ?? 0,
    ours: ours(),
  };
  /** Average cores used by other processes since the start. */
  return () => {
    const seconds = (Date.now() - start.at) / 1000;
    const others =
      (machineBusySeconds() ?? 0) - start.busy - (ours() - start.ours);
    return seconds > 0 ? Math.max(0, others / seconds) : 0;
  };
}

/** One load generator connection for the whole run, so no phase pays for connecting. */
let publisher: KafkajsPublisher;

function produce(
  topic: string,
  options: {
    rate: number | 'max';
    durationMs?: number;
    count?: number;
    source: string;
  },
): Promise<LoadReport> {
  return new LoadGenerator(publisher, {
    topic,
    rate: options.rate,
    durationMs: options.durationMs,
    count: options.count,
    chunkSize: 1000,
    logger: silentLogger,
    factory: new EventFactory({
      source: options.source,
      tenants: 32,
      payloadBytes: 128,
    }),
  }).run();
}

function say(message: string) {
  process.stderr.write(`bench-ingest: ${message}\n`);
}

/** Rows of the topic (cheap enough to poll; the benchmark itself makes no duplicates). */
async function count(ch: ClickHouseClient, table: string, topic: string) {
  const [row] = await queryRows<{ n: string }>(
    ch,
    `SELECT count() AS n FROM plinth_events.${table} WHERE topic = ${sqlString(
      topic,
    )}`,
  );
  return Number(row.n);
}

/** Distinct event ids of the topic: what "stored" and "lost" are computed from. */
async function distinct(ch: ClickHouseClient, table: string, topic: string) {
  const [row] = await queryRows<{ n: string }>(
    ch,
    `SELECT uniqExact(event_id) AS n FROM plinth_events.${table} WHERE topic = ${sqlString(
      topic,
    )}`,
  );
  return Number(row.n);
}

interface DrainResult {
  stored: number;
  drained: boolean;
  /** Rows per second seen by polling (for paths whose insert time is coarse). */
  observedRate?: number;
}

/**
 * Waits until every produced event is in the table, or the deadline passes. Polls every
 * 500 ms and keeps the rate between the first poll that saw rows and the last one.
 */
async function waitDrained(
  ch: ClickHouseClient,
  table: string,
  topic: string,
  produced: number,
  timeoutMs: number,
): Promise<DrainResult> {
  const deadline = Date.now() + timeoutMs;
  let stored = 0;
  let first: { at: number; stored: number } | undefined;
  const rate = (at: number) =>
    first && at > first.at
      ? ((stored - first.stored) * 1000) / (at - first.at)
      : undefined;
  // Polling is kept light (count(), twice a second): it shares the machine being measured.
  while (Date.now() < deadline) {
    stored = await count(ch, table, topic);
    const at = Date.now();
    if (stored > 0 && !first) first = { at, stored };
    if (stored >= produced) {
      const observedRate = rate(at);
      stored = await distinct(ch, table, topic);
      return { stored, drained: stored >= produced, observedRate };
    }
    await new Promise(r => setTimeout(r, 500));
  }
  const observedRate = rate(Date.now());
  return {
    stored: await distinct(ch, table, topic),
    drained: false,
    observedRate,
  };
}

/** Events per second between the first and the last insert of the topic's events. */
async function ingestRate(ch: ClickHouseClient, table: string, topic: string) {
  const [row] = await queryRows<{ n: string; first: string; last: string }>(
    ch,
    `SELECT count() AS n, min(ingested_at_ms) AS first, max(ingested_at_ms) AS last
     FROM plinth_events.${table} WHERE topic = ${sqlString(topic)}`,
  );
  const spanMs = Number(row.last) - Number(row.first);
  return spanMs > 0 ? (Number(row.n) * 1000) / spanMs : undefined;
}

/** Latencies for paths that stamp ingested_at_ms on the row. */
async function rowLatencies(
  ch: ClickHouseClient,
  table: string,
  topic: string,
) {
  const rows = await queryRows<{ l: string }>(
    ch,
    `SELECT toInt64(ingested_at_ms) - toInt64(occurred_at_ms) AS l FROM plinth_events.${table}
     WHERE topic = ${sqlString(topic)} AND source = ${sqlString(topic)}`,
  );
  return rows.map(r => Math.max(0, Number(r.l)));
}

/**
 * The ingester's exact "occurred -> acknowledged" latency per event: each event's offset
 * falls in one ingest_batches range, whose committed_at_ms is the insert acknowledgement.
 */
async function ackLatencies(
  ch: ClickHouseClient,
  p: IngesterPath,
  topic: string,
  stored: number,
) {
  await eventually(
    'batch statistics for every event',
    async () => {
      const [row] = await queryRows<{ n: string }>(
        ch,
        `SELECT sum(rows) AS n FROM plinth_events.${
          p.batchesTable
        } WHERE topic = ${sqlString(topic)}`,
      );
      return Number(row.n);
    },
    { until: n => n >= stored, timeoutMs: 20_000 },
  );
  const batches = await queryRows<{
    p: number;
    first: string;
    last: string;
    at: string;
  }>(
    ch,
    `SELECT kafka_partition AS p, first_offset AS first, last_offset AS last, committed_at_ms AS at
     FROM plinth_events.${p.batchesTable} WHERE topic = ${sqlString(
      topic,
    )} ORDER BY p, first, at`,
  );
  const byPartition = new Map<
    number,
    Array<{ first: number; last: number; at: number }>
  >();
  for (const b of batches) {
    const list = byPartition.get(Number(b.p)) ?? [];
    list.push({
      first: Number(b.first),
      last: Number(b.last),
      at: Number(b.at),
    });
    byPartition.set(Number(b.p), list);
  }
  const events = await queryRows<{ p: number; o: string; t: string }>(
    ch,
    `SELECT kafka_partition AS p, kafka_offset AS o, occurred_at_ms AS t
     FROM plinth_events.${p.eventsTable} WHERE topic = ${sqlString(
      topic,
    )} AND source = ${sqlString(topic)}`,
  );
  const latencies: number[] = [];
  for (const e of events) {
    const list = byPartition.get(Number(e.p)) ?? [];
    const offset = Number(e.o);
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      // last range whose first offset <= offset
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].first <= offset) lo = mid;
      else hi = mid - 1;
    }
    const range = list[lo];
    if (range && range.first <= offset && offset <= range.last) {
      latencies.push(Math.max(0, range.at - Number(e.t)));
    }
  }
  return latencies;
}

async function runPhase(
  ch: ClickHouseClient,
  admin: KafkajsAdmin,
  p: IngestionPath,
  phase: PhaseResult['phase'],
  offered: number | 'max',
): Promise<PhaseResult> {
  const topic = `bench-${p.name}-${phase}`;
  await admin.createTopics([
    { topic, partitions: PARTITIONS, replicationFactor: 1 },
  ]);
  await p.start(topic);
  say(
    `${p.name}: ${phase} (${
      offered === 'max' ? 'as fast as the load generator can' : `${offered}/s`
    } for ${WARMUP_MS / 1000}+${PHASE_MS / 1000}s)`,
  );
  // Warm-up at the same load first (connections, JIT, the first fetch after joining the
  // group); its events are stored and counted but left out of the latency figures.
  const otherCores = otherLoadMeter(() => p.pid());
  const warmup = await produce(topic, {
    rate: offered,
    durationMs: WARMUP_MS,
    source: `${topic}-warmup`,
  });
  const measured = await produce(topic, {
    rate: offered,
    durationMs: PHASE_MS,
    source: topic,
  });
  const report = { ...measured, produced: warmup.produced + measured.produced };
  const drain = await waitDrained(
    ch,
    p.eventsTable,
    topic,
    report.produced,
    p.name === 'naive' ? 10_000 : 60_000,
  );
  const otherCoresUsed = otherCores();
  const rss = await p.stop();
  return finishPhase(
    ch,
    p,
    phase,
    offered,
    topic,
    report,
    drain,
    rss.peakRssMiB,
    {
      otherCores: otherCoresUsed,
    },
  );
}

async function finishPhase(
  ch: ClickHouseClient,
  p: IngestionPath,
  phase: PhaseResult['phase'],
  offered: PhaseResult['offered'],
  topic: string,
  report: LoadReport,
  drain: DrainResult,
  peakRss: number | undefined,
  extra: Partial<PhaseResult> = {},
): Promise<PhaseResult> {
  const { stored, drained } = drain;
  // In a backlog, events wait for the path to start by design: their latency means nothing.
  let latencies: number[] = [];
  if (phase !== 'backlog') {
    latencies =
      p instanceof IngesterPath
        ? await ackLatencies(ch, p, topic, stored)
        : await rowLatencies(ch, p.eventsTable, topic);
  }
  const summary = summarize(latencies);
  // The Kafka engine stamps rows with a one-second now(): use the polled rate there.
  const rate =
    p.name === 'kafka-engine'
      ? drain.observedRate
      : await ingestRate(ch, p.eventsTable, topic);
  return {
    path: p.name,
    phase,
    offered,
    produced: report.produced,
    produceRate: report.achievedRate,
    stored,
    drained,
    lost: drained ? report.produced - stored : undefined,
    behind: drained ? 0 : report.produced - stored,
    ingestRate: rate,
    latency: summary && {
      p50: summary.p50,
      p99: summary.p99,
      max: summary.max,
    },
    peakRssMiB: peakRss,
    ...extra,
  };
}

/** Produce a backlog with the path stopped, then time how fast the path drains it. */
async function runBacklog(
  ch: ClickHouseClient,
  admin: KafkajsAdmin,
  p: IngestionPath,
  size: number,
  profileDir?: string,
): Promise<PhaseResult> {
  const topic = `bench-${p.name}-backlog`;
  await admin.createTopics([
    { topic, partitions: PARTITIONS, replicationFactor: 1 },
  ]);
  say(`${p.name}: backlog of ${size} events, then drain`);
  const report = await produce(topic, {
    rate: 'max',
    count: size,
    source: topic,
  });
  const pids = {
    clickhouse: findPid(`${clickhouse.name}/config.xml`),
    kafka: findPid(`${kafka.name}/node-1/server.properties`),
  };
  await p.start(topic, { cpuProfileDir: profileDir });
  const cpuBefore = {
    clickhouse: cpu(pids.clickhouse),
    kafka: cpu(pids.kafka),
  };
  const started = Date.now();
  const pathPid = p.pid();
  const pathCpuAtStart = cpu(pathPid);
  const otherCores = otherLoadMeter(() => pathPid);
  const drain = await waitDrained(
    ch,
    p.eventsTable,
    topic,
    report.produced,
    p.name === 'naive' ? 30_000 : 180_000,
  );
  const wallSeconds = (Date.now() - started) / 1000;
  const cpuUsed = {
    path: diff(cpu(pathPid), pathCpuAtStart),
    clickhouse: diff(cpu(pids.clickhouse), cpuBefore.clickhouse),
    kafka: diff(cpu(pids.kafka), cpuBefore.kafka),
    wallSeconds,
  };
  const otherCoresUsed = otherCores(); // before stop(): it counts the path's own process
  const rss = await p.stop();
  return finishPhase(
    ch,
    p,
    'backlog',
    'backlog',
    topic,
    report,
    drain,
    rss.peakRssMiB,
    {
      cpu: cpuUsed,
      otherCores: otherCoresUsed,
    },
  );
}

async function main() {
  const started = Date.now();
  const wanted = String(flags.paths).split(',');
  say(
    `starting Kafka (${kafka.brokers[0]}) and ClickHouse (${clickhouse.url})`,
  );
  await Promise.all([kafka.up(), clickhouse.up()]);
  const admin = await kafka.admin();
  const ch = clickhouse.client();
  publisher = await KafkajsPublisher.connect(
    createKafka({
      brokers: kafka.brokers,
      clientId: 'bench-loadgen',
      logger: silentLogger,
    }),
    kafka.brokers,
  );
  const target = {
    brokers: kafka.brokers,
    clickhouseUrl: clickhouse.url,
    deadLetterTopic: 'bench-dlq',
  };
  await admin.createTopics([
    { topic: 'bench-dlq', partitions: 1, replicationFactor: 1 },
  ]);
  const paths: IngestionPath[] = [
    new IngesterPath(target),
    new KafkaEnginePath(target, () => clickhouse.client()),
    new NaivePath(target),
  ].filter(p => wanted.includes(p.name));
  for (const p of paths) {
    await clickhouse.createTables(ch, p.eventsTable.replace(/_events$/, ''));
  }

  const machine = describeMachine();
  const loadBefore = loadAverage();
  const phases: PhaseResult[] = [];
  const profileDir = path.join(WORK_DIR, 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });

  try {
    for (const p of paths) {
      phases.push(await runPhase(ch, admin, p, '2k', 2000));
      // One insert per message saturates below 2k/s already; more load only piles up lag
      // (and tens of thousands of tiny parts that take minutes to delete afterwards).
      if (p.name !== 'naive') {
        phases.push(await runPhase(ch, admin, p, '10k', 10000));
        phases.push(await runPhase(ch, admin, p, 'max', 'max'));
      }
      phases.push(
        await runBacklog(
          ch,
          admin,
          p,
          p.name === 'naive' ? NAIVE_BACKLOG : BACKLOG,
          p.name === 'ingester' ? profileDir : undefined,
        ),
      );
    }
  } catch (e) {
    say(`failed: ${e instanceof Error ? e.message : e}`);
    await teardown(admin, ch);
    throw e;
  }

  const profileFile = readdirSync(profileDir).find(f =>
    f.endsWith('.cpuprofile'),
  );
  const run: RunResult = {
    date: new Date().toISOString(),
    machine,
    loadAverageAtStart: loadBefore,
    phaseSeconds: PHASE_MS / 1000,
    partitions: PARTITIONS,
    backlog: BACKLOG,
    naiveBacklog: NAIVE_BACKLOG,
    latencyBasis: Object.fromEntries(paths.map(p => [p.name, p.latencyBasis])),
    phases,
    profile: profileFile
      ? summarizeProfile(path.join(profileDir, profileFile))
      : undefined,
    wallSeconds: (Date.now() - started) / 1000,
  };
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(
    path.join(WORK_DIR, 'last-run.json'),
    `${JSON.stringify(run, null, 2)}\n`,
  );
  const markdown = renderResults(run);
  process.stdout.write(`${markdown}\n`);
  if (!flags['no-results']) {
    const file = String(flags.results);
    let existing = '';
    try {
      existing = readFileSync(file, 'utf8');
    } catch {
      // first run: the file is created
    }
    writeFileSync(file, updateResultsFile(existing, markdown));
    say(
      `results written to ${path.relative(
        REPO_ROOT,
        file,
      )} (raw: .cache/bench/ingest/last-run.json)`,
    );
  }
  await teardown(admin, ch);
}

/** Stops what the benchmark started; a slow or failed cleanup only warns. */
async function teardown(admin: KafkajsAdmin, ch: ClickHouseClient) {
  await publisher?.disconnect().catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
  await ch.close().catch(() => undefined);
  if (flags.keep) {
    say(
      `kept Kafka ${kafka.brokers[0]} and ClickHouse ${clickhouse.url} running (--keep)`,
    );
    return;
  }
  say('stopping Kafka and ClickHouse, deleting their data');
  const results = await Promise.allSettled([kafka.down(), clickhouse.down()]);
  for (const r of results) {
    if (r.status === 'rejected')
      say(
        `cleanup: ${r.reason instanceof Error ? r.reason.message : r.reason}`,
      );
  }
}

main().catch(e => {
  process.stderr.write(
    `bench-ingest failed: ${e instanceof Error ? e.stack : e}\n`,
  );
  process.exit(1);
});
