import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one child process cost, measured the same way for every tool. */
export interface RunCost {
  /** Wall time of the child in seconds. */
  wallS: number;
  /** User + system CPU seconds: less sensitive than wall time to other load on the machine. */
  cpuS: number;
  /** Peak resident set size in MB (GNU time's %M, the largest child). */
  maxRssMb: number;
  exitCode: number;
  /** Killed by the time limit (SIGKILL from timeout(1)). */
  timedOut: boolean;
}

export interface RunResult extends RunCost {
  stdout: string;
  stderrTail: string;
}

/**
 * Runs a command under GNU time (`/usr/bin/time`) and timeout(1), so wall time, CPU and
 * peak RSS come from the kernel's rusage of the child, not from the tool's own report.
 */
export async function measure(
  command: string,
  args: string[],
  options: { timeoutS: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'plinth-bench-api-diff-'),
  );
  const timeFile = path.join(dir, 'time');
  try {
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        '%e %U %S %M %x',
        '-o',
        timeFile,
        'timeout',
        '--signal=KILL',
        String(options.timeoutS),
        command,
        ...args,
      ],
      { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      // Only the end of stderr is kept: a crashing tool can print megabytes.
      err = (err + chunk.toString()).slice(-4000);
    });
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', code => resolve(code ?? -1));
    });
    const line = (await fs.readFile(timeFile, 'utf8'))
      .trim()
      .split('\n')
      .pop()!;
    const [wall, user, sys, rssKb] = line.split(' ').map(Number);
    return {
      wallS: wall,
      cpuS: +(user + sys).toFixed(2),
      maxRssMb: Math.round(rssKb / 1024),
      exitCode,
      // timeout(1) exits 137 after SIGKILL; GNU time then reports the signal.
      timedOut: exitCode === 137 || exitCode === 124,
      stdout: Buffer.concat(out).toString(),
      stderrTail: err,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
