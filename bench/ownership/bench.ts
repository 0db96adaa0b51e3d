/* eslint-disable no-console */
/**
 * Ownership matrix benchmark: loads a synthetic catalog into the real catalog backend
 * (SQLite in memory, or Postgres with --postgres URL) with Plinth's catalog module, which
 * validates every EscalationPolicy and emits the escalation relations, then measures the
 * ownership API next to the catalog's own entity query endpoint for the same components.
 *
 *   sucrase-node bench/ownership/bench.ts [--postgres postgresql://...] [--components 10000]
 */
import {
  coreServices,
  createBackendModule,
  type AuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  buildSnapshot,
  computeFindings,
  ownershipSnapshotServiceRef,
  readCatalogSlice,
  resolveRows,
  type OwnershipSnapshotService,
} from '@plinth/plugin-ownership-backend';
import { percentile } from '@plinth/testing';
import { arg, catalogSize as size } from './args';
import { syntheticCatalog } from './syntheticCatalog';

const postgres = arg('postgres');
const samples = Number(arg('samples') ?? 200);
const limits = {
  tier1MaxFirstResponseMinutes: 15,
  maxTier1ServicesPerGroup: 5,
};

let captured:
  | {
      catalog: CatalogService;
      auth: AuthService;
      snapshots: OwnershipSnapshotService;
    }
  | undefined;

/**
 * Feeds the synthetic entities to the catalog. The EscalationPolicy kind is accepted and
 * checked by Plinth's own catalog module, as in the portal.
 */
const benchCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ownership-bench',
  register(env) {
    env.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        const entities = syntheticCatalog(size);
        processing.addEntityProvider({
          getProviderName: () => 'ownership-bench',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: entities.map(entity => ({
                entity,
                locationKey: 'ownership-bench',
              })),
            });
          },
        });
      },
    });
  },
});

/** Hands the bench the catalog client and the snapshot service of the ownership plugin. */
const benchOwnershipModule = createBackendModule({
  pluginId: 'ownership',
  moduleId: 'bench',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        snapshots: ownershipSnapshotServiceRef,
      },
      async init(deps) {
        captured = deps;
      },
    });
  },
});

// Every route requires credentials, as in the portal: requests are made as a signed-in user.
const asUser = { Authorization: mockCredentials.user.header() };

async function measure(
  url: string,
): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: asUser });
    const body = await res.text();
    times.push(performance.now() - start);
    if (!res.ok) {
      throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
    }
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

async function waitFor(description: string, check: () => Promise<boolean>) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > 20 * 60_000) {
      throw new Error(`Timed out waiting for ${description}`);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  return performance.now() - started;
}

async function main() {
  const database = postgres
    ? { client: 'pg', connection: postgres }
    : { client: 'better-sqlite3', connection: ':memory:' };
  const loadStarted = performance.now();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@plinth/plugin-catalog-backend-module-plinth'),
      benchCatalogModule,
      import('@plinth/plugin-ownership-backend'),
      benchOwnershipModule,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          catalog: { processingInterval: { minutes: 30 } },
          ownership: { refreshIntervalSeconds: 3600 },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://localhost:${port}/api`;
  const countOf = async (kind: string) => {
    const res = await fetch(
      `${base}/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
      { headers: asUser },
    );
    return ((await res.json()) as { totalItems: number }).totalItems;
  };
  const loadMs = await waitFor(
    'the catalog to process every component and policy',
    async () => {
      const components = await countOf('component');
      const policies = await countOf('escalationpolicy');
      process.stderr.write(
        `\r  catalog: ${components}/${size.components} components, ${policies}/${size.policies} policies`,
      );
      return components >= size.components && policies >= size.policies;
    },
  );
  process.stderr.write('\n');
  // An entity is listed once it is stitched, but the relations other entities point at it
  // (a group's ownerOf) arrive as those are processed: wait until every group carries one
  // ownerOf per synthetic entity that names it as owner.
  const synthetic = syntheticCatalog(size);
  const groupNames = new Set(
    synthetic.filter(e => e.kind === 'Group').map(e => e.metadata.name),
  );
  const expectedOwnerOf = new Map<string, number>();
  for (const entity of synthetic) {
    const owner = (entity.spec as { owner?: string } | undefined)?.owner;
    // Owners that are not groups (the findings' test cases) get no ownerOf.
    if (owner && groupNames.has(owner)) {
      expectedOwnerOf.set(owner, (expectedOwnerOf.get(owner) ?? 0) + 1);
    }
  }
  await waitFor('every ownerOf relation on the groups', async () => {
    const res = await fetch(
      `${base}/catalog/entities?filter=kind=group&fields=metadata.name,relations`,
      { headers: asUser },
    );
    const groups = (await res.json()) as Array<{
      metadata: { name: string };
      relations?: Array<{ type: string }>;
    }>;
    const have = new Map(
      groups.map(g => [
        g.metadata.name,
        (g.relations ?? []).filter(r => r.type === 'ownerOf').length,
      ]),
    );
    return [...expectedOwnerOf].every(
      ([group, n]) => (have.get(group) ?? 0) >= n,
    );
  });

  const { catalog, auth, snapshots } = captured!;
  const readStarted = performance.now();
  const slice = await readCatalogSlice(catalog, auth);
  const readMs = performance.now() - readStarted;
  const resolveStarted = performance.now();
  const resolved = resolveRows(slice);
  const resolveMs = performance.now() - resolveStarted;
  const findingsStarted = performance.now();
  const findings = computeFindings({ ...resolved, limits });
  const findingsMs = performance.now() - findingsStarted;
  const buildStarted = performance.now();
  buildSnapshot(slice, limits);
  const buildMs = performance.now() - buildStarted;
  const refreshStarted = performance.now();
  await snapshots.refresh();
  const refreshMs = performance.now() - refreshStarted;

  // team-00020 owns tier-1 production components (see syntheticCatalog: index mod 5 and mod 4).
  const owner = 'team-00020';
  const results = {
    matrixFirstPage: await measure(`${base}/ownership/v1/matrix?limit=50`),
    matrixFiltered: await measure(
      `${base}/ownership/v1/matrix?limit=50&owner=${owner}&tier=tier-1&lifecycle=production`,
    ),
    matrixSearch: await measure(
      `${base}/ownership/v1/matrix?limit=50&q=component%20123`,
    ),
    matrixMaxPage: await measure(
      `${base}/ownership/v1/matrix?limit=500&offset=5000`,
    ),
    coverage: await measure(`${base}/ownership/v1/coverage`),
    catalogFirstPage: await measure(
      `${base}/catalog/entities/by-query?filter=kind=component&limit=50`,
    ),
    catalogFiltered: await measure(
      `${base}/catalog/entities/by-query?filter=kind=component,relations.ownedBy=group:default/${owner},metadata.annotations.plinth.dev/tier=tier-1,spec.lifecycle=production&limit=50`,
    ),
    catalogSearch: await measure(
      `${base}/catalog/entities/by-query?filter=kind=component&fullTextFilterTerm=component%20123&fullTextFilterFields=metadata.title&limit=50`,
    ),
  };
  const csvStarted = performance.now();
  const csvRes = await fetch(`${base}/ownership/v1/matrix.csv`, {
    headers: asUser,
  });
  const csv = await csvRes.text();
  if (!csvRes.ok) {
    throw new Error(
      `matrix.csv answered ${csvRes.status}: ${csv.slice(0, 200)}`,
    );
  }
  const csvMs = performance.now() - csvStarted;

  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const report = {
    database: postgres ? 'postgres' : 'sqlite (in memory)',
    catalogModules: ['@plinth/plugin-catalog-backend-module-plinth'],
    size,
    entitiesInCatalog:
      slice.matrixEntities.length +
      slice.groups.length +
      slice.users.length +
      slice.policies.length +
      slice.systems.length,
    catalogLoadSeconds: Math.round((performance.now() - loadStarted) / 1000),
    catalogProcessingWaitSeconds: Math.round(loadMs / 1000),
    snapshot: {
      catalogReadMs: Math.round(readMs),
      resolveRowsMs: Math.round(resolveMs),
      findingsMs: Math.round(findingsMs),
      findings: findings.length,
      findingsByType: findings.reduce<Record<string, number>>(
        (counts, finding) => ({
          ...counts,
          [finding.type]: (counts[finding.type] ?? 0) + 1,
        }),
        {},
      ),
      buildSnapshotMs: Math.round(buildMs),
      fullRefreshMs: Math.round(refreshMs),
    },
    latencyMs: Object.fromEntries(
      Object.entries(results).map(([k, v]) => [
        k,
        { p50: +v.p50.toFixed(1), p95: +v.p95.toFixed(1), bytes: v.bytes },
      ]),
    ),
    csv: {
      ms: Math.round(csvMs),
      bytes: csv.length,
      lines: csv.split('\r\n').length - 1,
    },
    processRssMb: Math.round(rssMb),
    samples,
  };
  console.log(JSON.stringify(report, null, 2));
  // The catalog's processing loop can keep stop() waiting; the figures are out.
  await Promise.race([backend.stop(), new Promise(r => setTimeout(r, 10_000))]);
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
