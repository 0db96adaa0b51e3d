import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadSpec } from './load/loadSpec';
import { lintOpenApi } from './lint/lintOpenApi';

/*
 * The portal's own REST APIs are registered in the catalog like any other API (issue 10:
 * "versioned and linted the same way, and must pass the lint"): catalog-info.yaml at the
 * repository root lists them in providesApis and registers a Location whose targets are
 * the API entities next to each backend plugin's spec. This test follows that registration
 * exactly as the catalog does and lints every definition with the Plinth ruleset.
 */

const REPO_ROOT = path.resolve(__dirname, '../../..');
const PORTAL_FILE = path.join(REPO_ROOT, 'catalog-info.yaml');

type Doc = Record<string, any>;

async function readEntities(file: string): Promise<Doc[]> {
  return parseAllDocuments(await readFile(file, 'utf8')).map(
    d => d.toJS() as Doc,
  );
}

/** Each registered portal API: its entity, the file it came from, its definition file. */
async function registeredPortalApis() {
  const docs = await readEntities(PORTAL_FILE);
  const portal = docs.find(d => d.kind === 'Component');
  const location = docs.find(
    d => d.kind === 'Location' && d.metadata.name === 'plinth-portal-apis',
  );
  const apis = [];
  for (const target of location?.spec.targets ?? []) {
    const file = path.resolve(path.dirname(PORTAL_FILE), target);
    for (const entity of await readEntities(file)) {
      const text = entity.spec?.definition?.$text;
      // The catalog's $text resolver (catalog-backend-module-plinth) reads only files
      // below the entity file's folder: the same rule, so a path it would refuse fails here.
      const definition = path.resolve(path.dirname(file), text);
      const inside = path.relative(path.dirname(file), definition);
      expect(inside.startsWith('..') || path.isAbsolute(inside)).toBe(false);
      apis.push({ entity, file, definition });
    }
  }
  return { portal, apis };
}

describe("the portal's own APIs", () => {
  it('are provided by the portal and registered, one entity per API', async () => {
    const { portal, apis } = await registeredPortalApis();
    expect(apis.map(a => a.entity.metadata.name).sort()).toEqual(
      [...portal?.spec.providesApis].sort(),
    );
    expect(apis.map(a => a.entity.metadata.name).sort()).toEqual([
      'plinth-api-governance-v1',
      'plinth-ownership-v1',
      'plinth-pipeline-health-v1',
    ]);
  });

  it('follow the versioning model: family, production line of the portal team, major in the name and the base path', async () => {
    const { apis } = await registeredPortalApis();
    for (const { entity, definition } of apis) {
      const spec = await loadSpec(definition);
      const major = /^(\d+)\./.exec(spec.document.info.version)?.[1];
      const family = entity.metadata.annotations['plinth.dev/api-family'];
      expect({
        name: entity.metadata.name,
        family,
        kind: entity.kind,
        type: entity.spec.type,
        lifecycle: entity.spec.lifecycle,
        owner: entity.spec.owner,
        system: entity.spec.system,
      }).toEqual({
        name: `${family}-v${major}`,
        family: expect.stringMatching(/^plinth-/),
        kind: 'API',
        type: 'openapi',
        lifecycle: 'production',
        owner: 'group:default/platform',
        system: 'developer-portal',
      });
      expect(
        Object.keys(spec.document.paths ?? {}).every(p =>
          p.startsWith(`/v${major}/`),
        ),
      ).toBe(true);
    }
  });

  it('pass the Plinth lint without a single finding', async () => {
    const { apis } = await registeredPortalApis();
    for (const { definition } of apis) {
      const findings = await lintOpenApi(await loadSpec(definition));
      expect({
        definition: path.relative(REPO_ROOT, definition),
        findings: findings.map(f => `${f.ruleId}: ${f.message}`),
      }).toEqual({
        definition: path.relative(REPO_ROOT, definition),
        findings: [],
      });
    }
  }, 60_000);
});
