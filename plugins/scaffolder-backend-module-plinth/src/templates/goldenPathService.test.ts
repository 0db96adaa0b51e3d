import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { lintOpenApi } from '@plinth/openapi-governance';
import { parse } from 'yaml';
import { GIT_HOST, startTemplateBackend } from './__testUtils__/dryRun';
import { loadExampleCatalog } from './__testUtils__/exampleCatalog';
import { validEntities } from './__testUtils__/validEntities';

/*
 * Dry-runs of the golden-path template through the real scaffolder backend (the endpoint
 * the template editor's preview uses), with the real permission backend and Plinth policy,
 * over the example catalog. Each run renders the real skeleton; the tests read the files.
 */

const values = {
  name: 'invoice-search',
  description:
    'Finds invoices by customer, amount and date for the support team.',
  owner: 'group:default/billing',
  system: 'system:default/billing',
  tier: 'tier-2',
  escalationPolicy: 'escalationpolicy:default/billing-oncall',
  exposesHttpApi: true,
  publishesEvents: false,
  consumesEvents: false,
};

describe('golden-path-service template', () => {
  let backend: Awaited<ReturnType<typeof startTemplateBackend>>;
  let catalogRefs: Set<string>;

  beforeAll(async () => {
    backend = await startTemplateBackend();
    catalogRefs = new Set(
      (await loadExampleCatalog()).map(e => stringifyEntityRef(e)),
    );
  });

  afterAll(() => backend?.stop());

  it('generates a valid component and API entity with tier, escalation policy, docs ref and template version', async () => {
    const run = await backend.dryRun('golden-path-service', values);
    expect(run.status).toBe(200);
    const [component, api] = await validEntities(run.files);
    expect(component).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'invoice-search',
        description: values.description,
        annotations: {
          'plinth.dev/tier': 'tier-2',
          'plinth.dev/escalation-policy':
            'escalationpolicy:default/billing-oncall',
          'backstage.io/techdocs-ref': 'dir:.',
          'plinth.dev/template': 'template:default/golden-path-service',
          'plinth.dev/template-version': '1.1.0',
        },
      },
      spec: {
        type: 'service',
        owner: 'group:default/billing',
        system: 'system:default/billing',
        providesApis: ['invoice-search-v1'],
      },
    });
    // No pipeline annotations unless the service consumes events.
    expect(component.metadata.annotations).not.toHaveProperty(
      'kafka.apache.org/consumer-groups',
    );
    // The references point at entities that exist, the policy as the ownership plugin
    // parses it ([kind:][namespace/]name, kind EscalationPolicy).
    const policyRef = parseEntityRef(
      component.metadata.annotations!['plinth.dev/escalation-policy'],
      { defaultKind: 'EscalationPolicy', defaultNamespace: 'default' },
    );
    expect(catalogRefs.has(stringifyEntityRef(policyRef))).toBe(true);
    expect(catalogRefs.has(component.spec!.owner as string)).toBe(true);
    expect(api).toMatchObject({
      kind: 'API',
      metadata: {
        name: 'invoice-search-v1',
        annotations: { 'plinth.dev/api-family': 'invoice-search' },
      },
      spec: {
        type: 'openapi',
        owner: 'group:default/billing',
        definition: expect.stringContaining('openapi: 3.0.3'),
      },
    });
  });

  it('generates an OpenAPI v1 document without lint findings', async () => {
    const run = await backend.dryRun('golden-path-service', values);
    const text = run.files.get('openapi/openapi.yaml')!;
    expect(parse(text)).toMatchObject({
      info: { title: 'invoice-search API', version: '1.0.0' },
    });
    expect(await lintOpenApi(text)).toEqual([]);
  });

  it('generates TechDocs (mkdocs.yml with index, runbook and on-call pages) and a README', async () => {
    const run = await backend.dryRun('golden-path-service', values);
    const mkdocs = parse(run.files.get('mkdocs.yml')!);
    expect(mkdocs.site_name).toBe('invoice-search');
    const pages = (mkdocs.nav as Array<Record<string, string>>).map(
      entry => Object.values(entry)[0],
    );
    expect(pages).toEqual(['index.md', 'runbook.md', 'on-call.md']);
    for (const page of pages) {
      expect(run.files.get(`docs/${page}`)).toMatch(/^# /);
    }
    expect(run.files.get('docs/on-call.md')).toContain(
      'escalationpolicy:default/billing-oncall',
    );
    expect(run.files.get('README.md')).toContain('# invoice-search');
  });

  it('generates the CI gate: lint and breaking-change diff against main', async () => {
    const run = await backend.dryRun('golden-path-service', values);
    const gate = run.files.get('ci/api-gate.sh')!;
    expect(gate).toContain('lint "$SPEC"');
    expect(gate).toContain('diff "$base" "$SPEC" --fail-on breaking');
    const workflow = parse(run.files.get('.github/workflows/ci.yaml')!);
    const steps = workflow.jobs.build.steps as Array<{ run?: string }>;
    expect(steps.map(s => s.run)).toContain('bash ci/api-gate.sh');
  });

  it('leaves the OpenAPI document and API entity out when the service exposes no HTTP API', async () => {
    const run = await backend.dryRun('golden-path-service', {
      ...values,
      exposesHttpApi: false,
    });
    expect(run.status).toBe(200);
    expect([...run.files.keys()].filter(p => p.startsWith('openapi'))).toEqual(
      [],
    );
    const entities = await validEntities(run.files);
    expect(entities.map(e => e.kind)).toEqual(['Component']);
    expect(entities[0].spec).not.toHaveProperty('providesApis');
    expect(run.files.get('src/service.ts')).toContain(
      'EXPOSES_HTTP_API = false',
    );
  });

  it('adds the pipeline annotations when the service consumes events into ClickHouse', async () => {
    const run = await backend.dryRun('golden-path-service', {
      ...values,
      consumesEvents: true,
    });
    const [component] = await validEntities(run.files);
    expect(component.metadata.annotations).toMatchObject({
      'kafka.apache.org/consumer-groups': 'local/invoice-search',
      'plinth.dev/clickhouse-table': 'plinth_events.invoice_search',
    });
  });

  it('publishes the generated workspace under the service name and owner (previewed, nothing pushed)', async () => {
    const run = await backend.dryRun('golden-path-service', values);
    expect(run.status).toBe(200);
    const publishLog = run.log.find(m =>
      m.includes('Running plinth:publish:git-host in dry-run mode'),
    )!;
    expect(JSON.parse(publishLog.slice(publishLog.indexOf('{')))).toEqual({
      repoName: 'invoice-search',
      description: values.description,
      owner: 'group:default/billing',
      defaultBranch: 'main',
      catalogInfoPath: '/catalog-info.yaml',
      register: true,
    });
    expect(run.log.join('\n')).toContain(
      `Dry run: would create ${GIT_HOST}/invoice-search`,
    );
    expect(run.body.output.links).toEqual([
      { title: 'Repository', url: `${GIT_HOST}/invoice-search` },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'component:default/invoice-search',
      },
    ]);
  });

  it('refuses a name that breaks the naming rules before running any step', async () => {
    for (const name of ['Invoice_Search', 'ab', '-leading', 'x'.repeat(64)]) {
      const run = await backend.dryRun('golden-path-service', {
        ...values,
        name,
      });
      expect(run.status).toBe(400);
      expect(JSON.stringify(run.body.errors)).toMatch(
        /does not match pattern|does not meet minimum length|does not meet maximum length/,
      );
    }
  });

  it('refuses an owner that is not in the catalog, naming it, before generating anything', async () => {
    const run = await backend.dryRun('golden-path-service', {
      ...values,
      owner: 'group:default/no-such-team',
    });
    // A wrong input (400), not a server error: catalog:fetch answered 500 here.
    expect(run.status).toBe(400);
    expect(run.body.error).toMatchObject({
      name: 'InputError',
      message:
        'group:default/no-such-team is not a group in the catalog: pick an existing group in the Owner field (it lists them), or add group:default/no-such-team to the catalog first',
    });
    expect(run.log.join('\n')).not.toContain('plinth:publish:git-host');
  });

  it('refuses an owner that is a user, not a team', async () => {
    const run = await backend.dryRun('golden-path-service', {
      ...values,
      owner: 'user:default/ana-ruiz',
    });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toBe(
      'user:default/ana-ruiz is not a group: the Owner field must name a group of the catalog',
    );
  });

  it('refuses an escalation policy that is not in the catalog', async () => {
    const run = await backend.dryRun('golden-path-service', {
      ...values,
      escalationPolicy: 'escalationpolicy:default/growth-oncall',
    });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toBe(
      'escalationpolicy:default/growth-oncall is not an escalation policy in the catalog: pick an existing escalation policy in the Escalation policy field (it lists them), or add escalationpolicy:default/growth-oncall to the catalog first',
    );
  });

  it('refuses a dry-run without credentials', async () => {
    const run = await backend.dryRun('golden-path-service', values, {
      authorization: null,
    });
    expect(run.status).toBe(401);
  });
});
