import type { ChildProcess } from 'node:child_process';

/** Stops a child process: SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
export async function stopChildProcess(
  child: ChildProcess,
  graceMs = 15_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  if (child.pid === undefined) {
    return;
  }
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Polls `check` until it holds and returns the milliseconds it took. Gives up early, with
 * the exit code, when `child` (the process `check` depends on: a portal, a git host) has
 * exited, instead of waiting out the timeout. A `check` that throws counts as not yet.
 */
export async function waitWhileRunning(
  child: ChildProcess,
  description: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  intervalMs = 1000,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `the process exited (code ${child.exitCode}) while waiting for ${description}`,
      );
    }
    try {
      if (await check()) {
        return performance.now() - started;
      }
    } catch {
      // Not up yet.
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(`Timed out waiting for ${description}`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
