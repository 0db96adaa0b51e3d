import { parse } from 'yaml';
import { startTemplateBackend } from './__testUtils__/dryRun';
import { validEntities } from './__testUtils__/validEntities';

/* Dry-runs of the event-consumer template through the real scaffolder backend. */

const values = {
  name: 'checkout-events-ingester',
  description:
    'Ingests checkout events into ClickHouse for the revenue dashboards.',
  owner: 'group:default/data-infrastructure',
  system: 'system:default/event-pipeline',
  cluster: 'local',
  topic: 'events-raw',
  database: 'plinth_events',
  table: 'checkout_events',
  tier: 'tier-2',
  escalationPolicy: 'escalationpolicy:default/data-infrastructure-oncall',
};

describe('event-consumer template', () => {
  let backend: Awaited<ReturnType<typeof startTemplateBackend>>;

  beforeAll(async () => {
    backend = await startTemplateBackend();
  });

  afterAll(() => backend?.stop());

  it('generates a valid component with the pipeline-health annotations and template version', async () => {
    const run = await backend.dryRun('event-consumer', values);
    expect(run.status).toBe(200);
    const [component, ...rest] = await validEntities(run.files);
    expect(rest).toEqual([]);
    expect(component).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'checkout-events-ingester',
        annotations: {
          'kafka.apache.org/consumer-groups': 'local/checkout-events-ingester',
          'plinth.dev/clickhouse-table': 'plinth_events.checkout_events',
          'plinth.dev/tier': 'tier-2',
          'plinth.dev/escalation-policy':
            'escalationpolicy:default/data-infrastructure-oncall',
          'backstage.io/techdocs-ref': 'dir:.',
          'plinth.dev/template': 'template:default/event-consumer',
          'plinth.dev/template-version': '1.0.0',
        },
      },
      spec: {
        owner: 'group:default/data-infrastructure',
        system: 'system:default/event-pipeline',
      },
    });
  });

  it('generates the table DDL and the configuration for the chosen topic and table', async () => {
    const run = await backend.dryRun('event-consumer', values);
    const ddl = run.files.get('schema/table.sql')!;
    expect(ddl).toContain(
      'CREATE TABLE IF NOT EXISTS plinth_events.checkout_events',
    );
    expect(ddl).toContain('ENGINE = ReplacingMergeTree(ingested_at_ms)');
    const env = run.files.get('config/ingester.env.example')!;
    expect(env).toContain('KAFKA_TOPIC=events-raw\n');
    expect(env).toContain('KAFKA_GROUP_ID=checkout-events-ingester\n');
    expect(env).toContain('CLICKHOUSE_TABLE=checkout_events\n');
    expect(env).not.toMatch(/^CLICKHOUSE_PASSWORD=/m);
  });

  it('generates the ingester, TechDocs with a runbook, CI and a README', async () => {
    const run = await backend.dryRun('event-consumer', values);
    for (const path of [
      'src/ingester.ts',
      'src/adapters.ts',
      'src/config.ts',
      'src/ingester.test.ts',
      'ci/api-gate.sh',
      'README.md',
    ]) {
      expect(run.files.has(path)).toBe(true);
    }
    const mkdocs = parse(run.files.get('mkdocs.yml')!);
    for (const entry of mkdocs.nav as Array<Record<string, string>>) {
      expect(run.files.has(`docs/${Object.values(entry)[0]}`)).toBe(true);
    }
    expect(run.files.get('docs/runbook.md')).toContain(
      'kcat -C -b 127.0.0.1:9092 -t events-raw-dlq',
    );
    const workflow = parse(run.files.get('.github/workflows/ci.yaml')!);
    expect(
      workflow.jobs.build.steps.map((s: { run?: string }) => s.run),
    ).toContain('bash ci/api-gate.sh');
  });

  it('refuses a table name that is not a plain identifier', async () => {
    const run = await backend.dryRun('event-consumer', {
      ...values,
      table: 'events; DROP TABLE x',
    });
    expect(run.status).toBe(400);
    expect(JSON.stringify(run.body.errors)).toContain('table');
  });

  it('refuses an owner that is not in the catalog', async () => {
    const run = await backend.dryRun('event-consumer', {
      ...values,
      owner: 'group:default/no-such-team',
    });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toMatch(
      /^group:default\/no-such-team is not a group in the catalog: pick an existing group in the Owner field/,
    );
  });
});
