import path from 'node:path';

/**
 * Where bench.ts keeps each tool's raw output of the last run, per pair, for explain.ts:
 * `.cache/bench/out/<base>_<head>.<tool>.json` under the repository root (the working
 * directory of both scripts), never in the workspace.
 */
export function outputPath(base: string, head: string, tool: string): string {
  return path.join(
    process.cwd(),
    '.cache/bench/out',
    `${base}_${head}.${tool}.json`,
  );
}
