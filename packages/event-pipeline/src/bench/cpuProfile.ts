import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile (node --cpu-prof) we read. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of sampled time per category (kafkajs, ClickHouse client, JSON, GC, idle, ...). */
  categories: Array<{ name: string; ms: number; share: number }>;
  /** Functions with the most self time. */
  top: Array<{ frame: string; category: string; ms: number; share: number }>;
}

/** Which part of the stack a frame belongs to. */
export function categorize(functionName: string, url: string): string {
  if (functionName === '(idle)') return 'idle (waiting on I/O)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/native (program)';
  if (url.includes('node_modules/kafkajs/'))
    return 'kafkajs (protocol decode/encode)';
  if (url.includes('node_modules/@clickhouse/'))
    return '@clickhouse/client (encode + HTTP)';
  if (url.includes('node_modules/zod/')) return 'zod (validation)';
  if (url.includes('/event-pipeline/src/')) return 'pipeline code';
  if (url.startsWith('node:') || url === '') {
    if (/^(parse|stringify)$/.test(functionName))
      return 'JSON.parse / JSON.stringify';
    return 'Node.js internals (streams, sockets, buffers)';
  }
  return 'other';
}

export function summarizeProfile(file: string, topN = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfMs = new Map<number, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  });
  const frames = new Map<string, { category: string; ms: number }>();
  const categories = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const category = categorize(functionName, url);
    const short = url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/packages\//, 'packages/');
    const frame = `${functionName || '(anonymous)'}${
      short ? ` ${short}:${lineNumber + 1}` : ''
    }`;
    const entry = frames.get(frame) ?? { category, ms: 0 };
    entry.ms += ms;
    frames.set(frame, entry);
    categories.set(category, (categories.get(category) ?? 0) + ms);
  }
  const share = (ms: number) => (totalMs > 0 ? ms / totalMs : 0);
  return {
    totalMs,
    categories: [...categories.entries()]
      .map(([name, ms]) => ({ name, ms, share: share(ms) }))
      .sort((a, b) => b.ms - a.ms),
    top: [...frames.entries()]
      .filter(([, v]) => v.category !== 'idle (waiting on I/O)')
      .map(([frame, v]) => ({
        frame,
        category: v.category,
        ms: v.ms,
        share: share(v.ms),
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN),
  };
}
