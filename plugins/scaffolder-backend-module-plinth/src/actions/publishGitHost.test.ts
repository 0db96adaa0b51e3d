import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { startDevGitHost, type DevGitHost } from '@plinth/dev-git-host';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import { eventually, testAuthFactories } from '@plinth/testing';
import request from 'supertest';
import { parse } from 'yaml';
import {
  componentYaml,
  orgYaml,
  publishTemplateYaml,
  userInfoFactory,
  users,
} from '../__testUtils__/org';
import { writeWorkspaceModule } from '../__testUtils__/writeWorkspaceAction';
import scaffolderModulePlinth from '../index';

const execFileAsync = promisify(execFile);
const TOKEN = 'publish-test-token-5d1c9e';

// Generous: a loaded 2-core machine runs this suite in 40-110 s.
jest.setTimeout(180_000);

type TaskResult = {
  status: string;
  output: Record<string, string>;
  log: string[];
};

/**
 * The action in the real scaffolder backend, with the real catalog (reading catalog files
 * from the git host through Backstage's URL reader), the real permission backend with the
 * Plinth policy, and the real git host.
 */
describe('plinth:publish:git-host', () => {
  let tmp: string;
  let gitHost: DevGitHost;
  let server: Server;
  let stopBackend: () => Promise<void>;
  const allLogs: string[] = [];

  beforeAll(async () => {
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'publish-git-host-'));
    gitHost = await startDevGitHost({ root: join(tmp, 'repos'), token: TOKEN });
    await fs.writeFile(join(tmp, 'org.yaml'), orgYaml);
    await fs.writeFile(join(tmp, 'template.yaml'), publishTemplateYaml);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModulePlinth,
        writeWorkspaceModule,
        catalogPlugin,
        catalogModuleTemplateKind,
        permissionBackendPlugin,
        permissionModulePlinthPolicy,
        plinthPermissionsServiceFactory,
        userInfoFactory(),
        ...testAuthFactories(),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              reading: { allow: [{ host: new URL(gitHost.baseUrl).host }] },
            },
            permission: { enabled: true },
            plinth: {
              permissions: { administrators: ['group:default/platform'] },
              gitHost: { baseUrl: gitHost.baseUrl, token: TOKEN },
            },
            catalog: {
              rules: [
                {
                  allow: ['Component', 'Group', 'User', 'Template', 'Location'],
                },
              ],
              locations: [
                { type: 'file', target: join(tmp, 'org.yaml') },
                { type: 'file', target: join(tmp, 'template.yaml') },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    // The template and the users must be in the catalog before a task can start.
    await eventually(
      'the template, the groups and the ledger service are in the catalog',
      () =>
        Promise.all(
          [
            'template/default/publish-test',
            'group/default/billing',
            'component/default/ledger',
          ].map(async ref => (await catalogEntity(ref)).status),
        ),
      { until: statuses => statuses.every(s => s === 200), timeoutMs: 120_000 },
    );
  });

  afterAll(async () => {
    await stopBackend?.();
    await gitHost?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  async function runTask(
    userRef: string,
    values: Record<string, unknown>,
  ): Promise<TaskResult> {
    const auth = mockCredentials.user.header(userRef);
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef: 'template:default/publish-test', values });
    expect(created.status).toBe(201);
    const taskId = created.body.id;
    const task = await eventually(
      `task ${taskId} has finished`,
      async () =>
        (
          await request(server)
            .get(`/api/scaffolder/v2/tasks/${taskId}`)
            .set('Authorization', auth)
        ).body,
      {
        until: body => ['completed', 'failed'].includes(body.status),
        timeoutMs: 90_000,
      },
    );
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set('Authorization', auth);
    const log = (
      events.body as Array<{ type: string; body: { message: string } }>
    )
      .filter(e => e.type === 'log' || e.type === 'completion')
      .map(e => e.body.message);
    allLogs.push(...log);
    return {
      status: task.status,
      output: task.spec?.output ?? task.output ?? {},
      log,
    };
  }

  async function repoExists(name: string) {
    const res = await fetch(`${gitHost.baseUrl}/api/repos/${name}`);
    return res.status === 200;
  }

  async function catalogEntity(ref: string) {
    return request(server)
      .get(`/api/catalog/entities/by-name/${ref}`)
      .set('Authorization', mockCredentials.user.header(users.pat.ref));
  }

  it('publishes the workspace: the repository clones with the files and the entity is in the catalog', async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'invoice-service',
      owner: 'group:default/billing',
      files: {
        'catalog-info.yaml': componentYaml(
          'invoice-service',
          'group:default/billing',
        ),
        'README.md': '# Invoice service\n',
        'src/index.ts': 'export {};\n',
      },
    });
    expect(result.log.join('\n')).toContain('Registered');
    expect(result.status).toBe('completed');

    const clone = join(tmp, 'invoice-clone');
    await execFileAsync('git', [
      'clone',
      '-q',
      `${gitHost.baseUrl}/invoice-service.git`,
      clone,
    ]);
    expect((await fs.readdir(clone)).sort()).toEqual(
      ['.git', 'README.md', 'catalog-info.yaml', 'src'].sort(),
    );
    expect(await fs.readFile(join(clone, 'src/index.ts'), 'utf8')).toBe(
      'export {};\n',
    );
    const { stdout: author } = await execFileAsync('git', [
      '-C',
      clone,
      'log',
      '-1',
      '--format=%an <%ae>',
    ]);
    expect(author.trim()).toBe('Ana Tester <ana@plinth.dev>');

    const entity = await eventually(
      'the new component is in the catalog',
      () => catalogEntity('component/default/invoice-service'),
      {
        until: res => res.status === 200,
        timeoutMs: 30_000,
      },
    );
    expect(entity.body.spec.owner).toBe('group:default/billing');
    expect(
      entity.body.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(`url:${gitHost.baseUrl}/invoice-service/raw/main/catalog-info.yaml`);
    // "View source" on the entity page opens its source location: the file list.
    const sourceLocation =
      entity.body.metadata.annotations['backstage.io/source-location'];
    expect(sourceLocation).toBe(
      `url:${gitHost.baseUrl}/invoice-service/tree/main/`,
    );
    const source = await fetch(sourceLocation.slice('url:'.length));
    expect(source.url).toBe(`${gitHost.baseUrl}/invoice-service/tree/main/`);
    expect(await source.text()).toContain(
      'href="/invoice-service/blob/main/catalog-info.yaml"',
    );
  });

  it('returns the would-be URLs in a dry run and touches nothing', async () => {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(users.ana.ref))
      .send({
        template: parse(publishTemplateYaml),
        values: {
          repoName: 'dry-service',
          owner: 'billing',
          files: {
            'catalog-info.yaml': componentYaml('dry-service', 'billing'),
          },
        },
        directoryContents: [],
      });
    expect(response.status).toBe(200);
    expect(response.body.output).toEqual({
      remoteUrl: `${gitHost.baseUrl}/dry-service`,
      cloneUrl: `${gitHost.baseUrl}/dry-service.git`,
      repoContentsUrl: `${gitHost.baseUrl}/dry-service/tree/main`,
      catalogInfoUrl: `${gitHost.baseUrl}/dry-service/raw/main/catalog-info.yaml`,
      entityRef: 'component:default/dry-service',
    });
    expect(await repoExists('dry-service')).toBe(false);
  });

  it('previews a service for another team, saying in the log that a real run would be refused', async () => {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(users.ana.ref))
      .send({
        template: parse(publishTemplateYaml),
        values: {
          repoName: 'preview-service',
          owner: 'group:default/platform',
          files: {
            'catalog-info.yaml': componentYaml('preview-service', 'platform'),
          },
        },
        directoryContents: [],
      });
    expect(response.status).toBe(200);
    const log = (response.body.log as Array<{ body: { message: string } }>)
      .map(entry => entry.body.message)
      .join('\n');
    expect(log).toContain(
      'Dry run: a real run would fail: user:default/ana may not create a service owned by group:default/platform',
    );
    expect(response.body.output.cloneUrl).toBe(
      `${gitHost.baseUrl}/preview-service.git`,
    );
  });

  it('refuses a repository that exists, naming it and what to do', async () => {
    await fetch(`${gitHost.baseUrl}/api/repos`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'taken-service' }),
    });
    const result = await runTask(users.ana.ref, {
      repoName: 'taken-service',
      owner: 'billing',
      files: { 'catalog-info.yaml': componentYaml('taken-service', 'billing') },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      `Repository taken-service already exists on the git host at ${gitHost.baseUrl}/taken-service; pick another name or delete it`,
    );
    expect(await repoExists('taken-service')).toBe(true);
  });

  it("refuses a sourcePath with '..' before creating anything", async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'climbing-service',
      owner: 'billing',
      sourcePath: 'service/../..',
      files: {
        'service/catalog-info.yaml': componentYaml(
          'climbing-service',
          'billing',
        ),
      },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      "sourcePath 'service/../..' is not allowed: it contains '..'",
    );
    expect(await repoExists('climbing-service')).toBe(false);
  });

  it('refuses a symlink anywhere in the published tree before creating anything', async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'linked-service',
      owner: 'billing',
      files: {
        'catalog-info.yaml': componentYaml('linked-service', 'billing'),
      },
      symlinks: { 'docs/passwd': '/etc/passwd' },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      "The files to publish may not contain symbolic links: 'docs/passwd' is one",
    );
    expect(await repoExists('linked-service')).toBe(false);
  });

  it('refuses a service for a group the user is not in, and allows it to an administrator', async () => {
    const denied = await runTask(users.ana.ref, {
      repoName: 'platform-tool',
      owner: 'group:default/platform',
      files: {
        'catalog-info.yaml': componentYaml('platform-tool', 'platform'),
      },
    });
    expect(denied.status).toBe('failed');
    expect(denied.log.join('\n')).toContain(
      'user:default/ana may not create a service owned by group:default/platform',
    );
    expect(await repoExists('platform-tool')).toBe(false);

    const allowed = await runTask(users.pat.ref, {
      repoName: 'billing-tool',
      owner: 'group:default/billing',
      files: { 'catalog-info.yaml': componentYaml('billing-tool', 'billing') },
    });
    expect(allowed.log.join('\n')).toContain('Registered');
    expect(allowed.status).toBe('completed');
  });

  it('tells the guest of make start which owners it may choose, or to sign in as a team member', async () => {
    const result = await runTask('user:development/guest', {
      repoName: 'guest-service',
      owner: 'billing',
      files: { 'catalog-info.yaml': componentYaml('guest-service', 'billing') },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      'user:development/guest may not create a service owned by group:default/billing: services can be created only for a group in the catalog that you belong to (administrators: any group). The guest of make start is a member only of the groups in auth.providers.guest.ownershipEntityRefs (growth by default): choose one of them as the owner, or sign in as a member of group:default/billing (PLINTH_AUTH=oidc make start)',
    );
    expect(await repoExists('guest-service')).toBe(false);
  });

  it('refuses an owner group that is not in the catalog, naming it and what to do', async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'ghost-service',
      owner: 'group:default/ghosts',
      files: { 'catalog-info.yaml': componentYaml('ghost-service', 'ghosts') },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      'group:default/ghosts is not a group in the catalog: pick an existing group in the Owner field (it lists them), or add group:default/ghosts to the catalog first',
    );
    expect(await repoExists('ghost-service')).toBe(false);
  });

  it('answers a dry run with an unknown owner with 400 and the same message, not a server error', async () => {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(users.ana.ref))
      .send({
        template: parse(publishTemplateYaml),
        values: {
          repoName: 'nope-service',
          owner: 'group:default/nope',
          files: {
            'catalog-info.yaml': componentYaml('nope-service', 'nope'),
          },
        },
        directoryContents: [],
      });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^group:default\/nope is not a group in the catalog: /,
      ),
    });
  });

  it('refuses a name the catalog already has, without its owner (the user may not see the entity), before creating the repository', async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'ledger',
      owner: 'billing',
      files: { 'catalog-info.yaml': componentYaml('ledger', 'billing') },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      'component:default/ledger already exists in the catalog: choose another name',
    );
    expect(await repoExists('ledger')).toBe(false);
  });

  it('previews a taken name, saying in the log that a real run would be refused', async () => {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(users.ana.ref))
      .send({
        template: parse(publishTemplateYaml),
        values: {
          repoName: 'ledger',
          owner: 'billing',
          files: { 'catalog-info.yaml': componentYaml('ledger', 'billing') },
        },
        directoryContents: [],
      });
    expect(response.status).toBe(200);
    const log = (response.body.log as Array<{ body: { message: string } }>)
      .map(entry => entry.body.message)
      .join('\n');
    expect(log).toContain(
      'Dry run: a real run would fail: component:default/ledger already exists in the catalog: choose another name',
    );
    expect(await repoExists('ledger')).toBe(false);
  });

  it('deletes the repository it created when the catalog refuses the catalog file', async () => {
    const result = await runTask(users.ana.ref, {
      repoName: 'unregistrable',
      owner: 'billing',
      // A kind the catalog rules do not allow: the catalog refuses to register it.
      files: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Widget\nmetadata:\n  name: unregistrable\nspec: {}\n',
      },
    });
    expect(result.status).toBe('failed');
    const log = result.log.join('\n');
    expect(log).toContain(
      `Registering ${gitHost.baseUrl}/unregistrable/raw/main/catalog-info.yaml in the catalog failed`,
    );
    expect(log).toContain(
      `Deleted repository ${gitHost.baseUrl}/unregistrable`,
    );
    expect(await repoExists('unregistrable')).toBe(false);
  });

  it('never writes the git host token to the run log', () => {
    expect(allLogs.length).toBeGreaterThan(10);
    expect(allLogs.join('\n')).not.toContain(TOKEN);
  });

  // Last: it stops the host.
  it('says clearly when the git host is down', async () => {
    await gitHost.stop();
    const result = await runTask(users.ana.ref, {
      repoName: 'offline-service',
      owner: 'billing',
      files: {
        'catalog-info.yaml': componentYaml('offline-service', 'billing'),
      },
    });
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      `The git host at ${gitHost.baseUrl} is not reachable (ECONNREFUSED); start it with infra/githost/githost.sh up`,
    );
  });
});
