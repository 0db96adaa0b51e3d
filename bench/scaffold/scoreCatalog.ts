/* eslint-disable no-console */
/**
 * The adoption scorecard for a large catalog: the ownership benchmark's synthetic catalog
 * (bench/ownership/syntheticCatalog.ts) fed to the community Tech Insights backend with
 * Plinth's scorecard module (its public default export, as packages/backend wires it) and
 * the real ownership backend (the escalation retriever reads its matrix), in one process.
 *
 *   sucrase-node bench/scaffold/scoreCatalog.ts [--components 10000]
 *
 * Times each per-entity fact retriever (triggered one after the other, as their shared
 * schedule would start them), then one bulk check run over every component (the Tech
 * Insights route POST /checks/run), then the trend retriever, which scores every team's
 * components in-process for the Adoption page. Prints a JSON report; timings are reported,
 * never asserted. The pipeline-health and api-governance backends are not in this process:
 * their retrievers meet no backend and record what they do then (see the report's notes).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import ownershipBackend from '@plinth/plugin-ownership-backend';
import techInsightsModulePlinth, {
  FACT_RETRIEVER_IDS,
  PLINTH_CHECKS,
} from '@plinth/plugin-tech-insights-backend-module-plinth';
import os from 'node:os';
import request from 'supertest';
import { syntheticCatalog } from '../ownership/syntheticCatalog';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// Refs per POST /checks/run (see where it is used).
const REFS_PER_REQUEST = 2_000;

// The trend retriever scores every team from the checks, so it runs after the facts and is
// timed on its own (trendMs): it is the Adoption page's "all components scored".
const PER_ENTITY_RETRIEVERS = Object.values(FACT_RETRIEVER_IDS).filter(
  id => id !== FACT_RETRIEVER_IDS.adoptionTrend,
);

async function main() {
  const components = Number(arg('components') ?? 10_000);
  // The ownership benchmark's proportions: 300 groups and 300 policies for 10,000.
  const groups = Math.max(10, Math.round((components * 300) / 10_000));
  const entities = syntheticCatalog({ components, groups, policies: groups });
  const componentRefs = entities
    .filter(e => e.kind === 'Component')
    .map(e => `component:default/${e.metadata.name}`);

  // Nothing runs on its own schedule: the bench triggers each task and times it.
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      techInsightsBackend,
      techInsightsModulePlinth,
      ownershipBackend,
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          techInsights: {
            factRetrievers: Object.fromEntries(
              Object.values(FACT_RETRIEVER_IDS).map(id => [
                id,
                // Once a year: never during the run, so every run is the bench's own.
                { cadence: '0 0 1 1 *', lifecycle: { maxItems: 30 } },
              ]),
            ),
          },
        },
      }),
    ],
  });

  const started = Date.now();
  const retrieverMs: Record<string, number> = {};
  for (const id of PER_ENTITY_RETRIEVERS) {
    const t = Date.now();
    await scheduler.triggerTask(id);
    retrieverMs[id] = Date.now() - t;
  }
  const factsMs = Date.now() - started;

  // The route parses its body with express.json()'s default 100 kB limit: 10,000 refs
  // (360 kB) are refused with 413, so the components go in requests of 2,000 refs (72 kB),
  // one after the other, each run by the route 100 entities at a time.
  const t = Date.now();
  const results: Array<{
    entity: string;
    error?: unknown;
    results: Array<{ check: { id: string }; result: boolean }>;
  }> = [];
  for (let i = 0; i < componentRefs.length; i += REFS_PER_REQUEST) {
    const response = await request(backend.server)
      .post('/api/tech-insights/checks/run')
      .set('authorization', mockCredentials.user.header())
      .send({ entities: componentRefs.slice(i, i + REFS_PER_REQUEST) });
    if (response.status !== 200) {
      throw new Error(
        `POST /checks/run answered ${response.status}: ${response.text}`,
      );
    }
    results.push(...response.body);
  }
  const checksMs = Date.now() - t;

  const tTrend = Date.now();
  await scheduler.triggerTask(FACT_RETRIEVER_IDS.adoptionTrend);
  const trendMs = Date.now() - tTrend;
  // The engine logs a failed retriever instead of throwing: check that the rows are there.
  const trendRow = await request(backend.server)
    .get('/api/tech-insights/facts/latest')
    .query({
      entity: 'group:default/team-00001',
      ids: [FACT_RETRIEVER_IDS.adoptionTrend],
    })
    .set('authorization', mockCredentials.user.header());
  const trendFacts = trendRow.body?.[FACT_RETRIEVER_IDS.adoptionTrend]
    ?.facts as { components: number; evaluated: number } | undefined;
  if (!trendFacts) {
    throw new Error(
      `The trend retriever stored no row for group:default/team-00001: ${trendRow.status} ${trendRow.text}`,
    );
  }

  const perCheck: Record<string, { pass: number; fail: number }> = {};
  for (const entity of results) {
    for (const r of entity.results) {
      perCheck[r.check.id] ??= { pass: 0, fail: 0 };
      perCheck[r.check.id][r.result ? 'pass' : 'fail'] += 1;
    }
  }
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
          loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
        },
        catalog: {
          entities: entities.length,
          components: componentRefs.length,
          groups,
          policies: groups,
        },
        checksConfigured: PLINTH_CHECKS.length,
        retrieverMs,
        factsMs,
        checksMs,
        totalMs: factsMs + checksMs,
        trendMs,
        trendSample: {
          team: 'group:default/team-00001',
          components: trendFacts.components,
          resultsEvaluated: trendFacts.evaluated,
        },
        entitiesScored: results.length,
        entitiesWithError: results.filter(r => r.error).length,
        resultsPerCheck: perCheck,
        rssMB: Math.round(memory.rss / 2 ** 20),
        notes: [
          'One process: Tech Insights backend + Plinth scorecard module + ownership backend, catalog served from memory (catalogServiceMock), SQLite in memory.',
          'pipeline-health and api-governance backends absent: their retrievers find no backend.',
        ],
      },
      null,
      2,
    ),
  );
  // Bounded: the test backend's stop has been seen to wait for minutes under load.
  await Promise.race([
    backend.stop(),
    new Promise(resolve => setTimeout(resolve, 10_000).unref()),
  ]);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
