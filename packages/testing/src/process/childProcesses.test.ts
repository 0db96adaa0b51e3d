import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { stopChildProcess, waitWhileRunning } from './childProcesses';

const node = (script: string) =>
  spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

describe('waitWhileRunning', () => {
  it('returns once the check holds', async () => {
    const child = node('setInterval(() => {}, 1000)');
    let calls = 0;
    try {
      const ms = await waitWhileRunning(
        child,
        'the third look',
        10_000,
        async () => ++calls === 3,
        10,
      );
      expect(calls).toBe(3);
      expect(ms).toBeGreaterThanOrEqual(0);
    } finally {
      await stopChildProcess(child);
    }
  });

  it('gives up with the exit code when the process has exited, not at the timeout', async () => {
    const child = node('process.exit(3)');
    await once(child, 'exit');
    await expect(
      waitWhileRunning(child, 'the portal', 60_000, async () => false),
    ).rejects.toThrow(
      'the process exited (code 3) while waiting for the portal',
    );
  });

  it('counts a check that throws as not yet, and times out naming what it waited for', async () => {
    const child = node('setInterval(() => {}, 1000)');
    try {
      await expect(
        waitWhileRunning(
          child,
          'the first poll',
          50,
          async () => {
            throw new Error('connection refused');
          },
          10,
        ),
      ).rejects.toThrow('Timed out waiting for the first poll');
    } finally {
      await stopChildProcess(child);
    }
  });
});

describe('stopChildProcess', () => {
  it('kills a process that ignores SIGTERM after the grace period', async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)",
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // Wait until the SIGTERM handler is installed, or the default action would end it.
    await once(child.stdout!, 'data');
    await stopChildProcess(child, 100);
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('returns at once for a process that already exited', async () => {
    const child = node('process.exit(0)');
    await once(child, 'exit');
    await expect(stopChildProcess(child)).resolves.toBeUndefined();
  });
});
