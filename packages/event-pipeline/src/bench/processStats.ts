import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Facts about this machine for the results file. */
export function describeMachine(): string {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const model =
    /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ??
    os.cpus()[0]?.model ??
    'unknown CPU';
  const memGiB = os.totalmem() / 2 ** 30;
  return `${os.cpus().length} vCPU (${model}), ${memGiB.toFixed(
    1,
  )} GiB RAM, Linux ${os.release()}, Node ${process.version}`;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Peak resident set size (VmHWM) of a live process, in MiB. */
export function peakRssMiB(pid: number): number | undefined {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(safeRead(`/proc/${pid}/status`))?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  const stat = safeRead(`/proc/${pid}/stat`);
  // Fields after the ")" of the command name: utime is field 14, stime 15 (1-based).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (rest.length < 13) return undefined;
  return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS;
}

/** The pid of the process whose command line contains `needle` (first match). */
export function findPid(needle: string): number | undefined {
  for (const entry of safeReadDir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = safeRead(`/proc/${entry}/cmdline`).replace(/\0/g, ' ');
    if (cmdline.includes(needle) && Number(entry) !== process.pid)
      return Number(entry);
  }
  return undefined;
}

function safeReadDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Load average over the last minute, to show how busy the shared machine was. */
export function loadAverage(): number {
  return os.loadavg()[0];
}

/** CPU seconds all cores of the machine spent busy so far (from /proc/stat). */
export function machineBusySeconds(): number | undefined {
  const line = safeRead('/proc/stat').split('\n')[0];
  if (!line.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal ...
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) / CLOCK_TICKS;
}

/** This process's own CPU seconds. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
