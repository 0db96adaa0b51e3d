import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDevGitHost, type DevGitHost } from './startDevGitHost';

const execFileAsync = promisify(execFile);
const TOKEN = 'test-git-host-token-7f3a';

/** The git CLI with no user config and no prompts, as a developer's clone would run. */
function git(cwd: string, args: string[]) {
  return execFileAsync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@plinth.dev',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@plinth.dev',
    },
  });
}

function withToken(url: string, token = TOKEN) {
  const u = new URL(url);
  u.username = 'plinth';
  u.password = token;
  return u.toString();
}

describe('startDevGitHost', () => {
  let tmp: string;
  let host: DevGitHost;
  const logs: Array<{ message: string; fields?: Record<string, unknown> }> = [];

  beforeAll(async () => {
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'dev-git-host-'));
    host = await startDevGitHost({
      root: join(tmp, 'repos'),
      token: TOKEN,
      log: (message, fields) => logs.push({ message, fields }),
    });
  });

  afterAll(async () => {
    await host?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const create = (name: string, token = TOKEN) =>
    fetch(`${host.baseUrl}/api/repos`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name, description: 'A <test> repository' }),
    });

  async function pushFiles(name: string, files: Record<string, string>) {
    const work = await fs.mkdtemp(join(tmp, 'work-'));
    for (const [path, content] of Object.entries(files)) {
      await fs.mkdir(join(work, path, '..'), { recursive: true });
      await fs.writeFile(join(work, path), content);
    }
    await git(work, ['init', '-q', '-b', 'main']);
    await git(work, ['add', '.']);
    await git(work, ['commit', '-q', '-m', 'Initial commit']);
    await git(work, [
      'push',
      '-q',
      withToken(`${host.baseUrl}/${name}.git`),
      'main',
    ]);
  }

  it('creates a repository that git clones and pushes over HTTP', async () => {
    const response = await create('billing-service');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      name: 'billing-service',
      description: 'A <test> repository',
      defaultBranch: 'main',
      cloneUrl: `${host.baseUrl}/billing-service.git`,
      webUrl: `${host.baseUrl}/billing-service`,
    });
    await pushFiles('billing-service', {
      'catalog-info.yaml': 'kind: Component\n',
      'docs/index.md': '# Billing\n',
    });
    const clone = join(tmp, 'clone');
    await git(tmp, [
      'clone',
      '-q',
      `${host.baseUrl}/billing-service.git`,
      clone,
    ]);
    expect(await fs.readFile(join(clone, 'docs/index.md'), 'utf8')).toBe(
      '# Billing\n',
    );
    expect(logs.map(l => l.message)).toEqual(
      expect.arrayContaining(['repository created', 'push received']),
    );
  });

  it('refuses a push without the token, and with a wrong one', async () => {
    await create('guarded');
    const work = await fs.mkdtemp(join(tmp, 'work-'));
    await fs.writeFile(join(work, 'a.txt'), 'a');
    await git(work, ['init', '-q', '-b', 'main']);
    await git(work, ['add', '.']);
    await git(work, ['commit', '-q', '-m', 'x']);
    await expect(
      git(work, ['push', '-q', `${host.baseUrl}/guarded.git`, 'main']),
    ).rejects.toThrow(/could not read Username|Authentication failed/);
    await expect(
      git(work, [
        'push',
        '-q',
        withToken(`${host.baseUrl}/guarded.git`, 'wrong'),
        'main',
      ]),
    ).rejects.toThrow(/Authentication failed|401/);
  });

  it('answers 409 when the repository exists, and 401 without the token', async () => {
    await create('taken');
    const again = await create('taken');
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: "Repository 'taken' already exists",
    });
    const anonymous = await fetch(`${host.baseUrl}/api/repos`, {
      method: 'POST',
      body: JSON.stringify({ name: 'sneaky' }),
    });
    expect(anonymous.status).toBe(401);
    expect(await create('sneaky', 'wrong-token')).toHaveProperty('status', 401);
  });

  it('deletes a repository with the token only', async () => {
    await create('short-lived');
    const url = `${host.baseUrl}/api/repos/short-lived`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
    const deleted = await fetch(url, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(deleted.status).toBe(204);
    expect((await fetch(url)).status).toBe(404);
    await expect(fs.stat(join(host.root, 'short-lived.git'))).rejects.toThrow(
      'ENOENT',
    );
  });

  it.each([
    ['..', 400],
    ['a..b', 400],
    ['%2e%2e%2fetc', 400],
    ['-x', 400],
    ['api', 400],
  ])('refuses to create the hostile name %j', async (name, status) => {
    const response = await create(decodeURIComponent(name));
    expect(response.status).toBe(status);
    expect(await fs.readdir(host.root)).not.toContain(`${name}.git`);
  });

  it('lists repositories, shows the clone URL and files, and escapes HTML', async () => {
    await create('browsable');
    await pushFiles('browsable', {
      'README.md': '<script>alert(1)</script>',
      'src/index.ts': 'export {};\n',
    });
    const list = await (await fetch(`${host.baseUrl}/`)).text();
    expect(list).toContain('href="/browsable"');
    expect(list).toContain('A &lt;test&gt; repository');

    const page = await fetch(`${host.baseUrl}/browsable`);
    expect(page.headers.get('content-security-policy')).toContain(
      "default-src 'none'",
    );
    const html = await page.text();
    expect(html).toContain(`git clone ${host.baseUrl}/browsable.git`);
    expect(html).toContain('href="/browsable/tree/main/src"');
    expect(html).toContain('href="/browsable/blob/main/README.md"');

    const blob = await (
      await fetch(`${host.baseUrl}/browsable/blob/main/README.md`)
    ).text();
    expect(blob).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(blob).not.toContain('<script>');

    const raw = await fetch(`${host.baseUrl}/browsable/raw/main/README.md`);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await raw.text()).toBe('<script>alert(1)</script>');
  });

  it('sends a directory under raw/ to its file list (the entity "View source" link)', async () => {
    await create('viewsource');
    await pushFiles('viewsource', { 'catalog-info.yaml': 'x: 1\n' });
    const response = await fetch(`${host.baseUrl}/viewsource/raw/main/`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/viewsource/tree/main/');
    const listed = await (
      await fetch(`${host.baseUrl}/viewsource/raw/main/`)
    ).text();
    expect(listed).toContain('catalog-info.yaml');
  });

  it('shows an empty repository as empty, not as an error', async () => {
    await create('empty-one');
    const response = await fetch(`${host.baseUrl}/empty-one`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('This repository is empty');
  });

  it.each([
    '/browsable/raw/main/..%2F..%2Fbrowsable.git%2Fconfig',
    '/browsable/raw/main/src/../../x',
    '/..%2Frepos/raw/main/x',
    '/browsable/raw/--output=x/README.md',
  ])('refuses the path traversal %s', async path => {
    const response = await fetch(`${host.baseUrl}${path}`);
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('[core]');
  });

  it('does not serve a repository that is a symlink out of the root', async () => {
    const outside = join(tmp, 'outside.git');
    await git(tmp, ['init', '-q', '--bare', outside]);
    await fs.symlink(outside, join(host.root, 'planted.git'));
    expect((await fetch(`${host.baseUrl}/planted`)).status).toBe(404);
    expect(
      (
        await fetch(
          `${host.baseUrl}/planted.git/info/refs?service=git-upload-pack`,
        )
      ).status,
    ).toBe(404);
  });

  it('answers 404 for a repository or file that does not exist', async () => {
    expect((await fetch(`${host.baseUrl}/nope`)).status).toBe(404);
    expect(
      (await fetch(`${host.baseUrl}/browsable/raw/main/missing.txt`)).status,
    ).toBe(404);
    expect(
      (await fetch(`${host.baseUrl}/browsable/raw/no-branch/README.md`)).status,
    ).toBe(404);
  });

  it('never logs the token', () => {
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });

  it('refuses to start without a token', async () => {
    await expect(
      startDevGitHost({ root: join(tmp, 'other'), token: '' }),
    ).rejects.toThrow('The git host token must not be empty');
  });
});
