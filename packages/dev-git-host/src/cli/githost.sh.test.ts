import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from '@plinth/testing';

const execFileAsync = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../../infra/githost/githost.sh');

jest.setTimeout(120_000);

/** infra/githost/githost.sh as make start and a developer run it, on a port of its own. */
describe('infra/githost/githost.sh', () => {
  let tmp: string;
  let port: number;

  async function run(args: string[]) {
    try {
      const { stdout, stderr } = await execFileAsync(SCRIPT, args, {
        env: { ...process.env, PLINTH_CACHE: join(tmp, 'cache') },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'githost-sh-'));
    port = await freeLoopbackPort();
  });

  afterAll(async () => {
    await run(['down', '--port', String(port)]);
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('starts the host, serves clones, says when it already runs, and stops it', async () => {
    const root = join(tmp, 'repos');
    const up = await run(['up', '--port', String(port), '--root', root]);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain(`githost: up at http://127.0.0.1:${port}`);

    const status = await run(['status', '--port', String(port)]);
    expect(status).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`running at http://127.0.0.1:${port}`),
    });

    const created = await fetch(`http://127.0.0.1:${port}/api/repos`, {
      method: 'POST',
      headers: { Authorization: 'Bearer plinth-dev-git-token' },
      body: JSON.stringify({ name: 'from-script' }),
    });
    expect(created.status).toBe(201);
    await execFileAsync('git', [
      'clone',
      '-q',
      `http://127.0.0.1:${port}/from-script.git`,
      join(tmp, 'clone'),
    ]);
    expect(await fs.readdir(root)).toContain('from-script.git');

    const again = await run(['up', '--port', String(port), '--root', root]);
    expect(again.stderr).toContain('already running');

    const down = await run(['down', '--port', String(port)]);
    expect(down).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('githost: stopped'),
    });
    const after = await run(['status', '--port', String(port)]);
    expect(after).toMatchObject({
      code: 3,
      stdout: expect.stringContaining(`githost: stopped (port ${port})`),
    });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('names the busy port instead of starting', async () => {
    const busy = net.createServer();
    await new Promise<void>(r => busy.listen(0, '127.0.0.1', () => r()));
    const busyPort = (busy.address() as net.AddressInfo).port;
    try {
      const up = await run(['up', '--port', String(busyPort)]);
      expect(up.code).toBe(1);
      expect(up.stderr).toContain(
        `githost: error: port ${busyPort} is in use by another program; choose another with --port N or GITHOST_PORT`,
      );
    } finally {
      busy.close();
    }
  });

  it('refuses the portal ports', async () => {
    const up = await run(['up', '--port', '7007']);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('clashes with the portal');
  });
});
