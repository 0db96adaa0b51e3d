/**
 * Every disagreement of one pair, recomputed from the raw outputs bench.ts kept in
 * .cache/bench/out, so a change to the engine can be checked against oasdiff without
 * running oasdiff again:
 *   sucrase-node bench/api-diff/src/explain.ts 22.0.0:23.0.0 \
 *     [--plinth <output of plinth-api diff --format json>] [--scope breaking|breaking-or-potentially]
 *     [--flatten-allof]   (against oasdiff's run with --flatten-allof)
 * Run from the repository root after a bench run that covered the pair.
 */
import type { Change } from '@plinth/openapi-governance';
import { existsSync, readFileSync } from 'node:fs';
import {
  AgreementScope,
  OasdiffFinding,
  compareWithOasdiff,
} from './agreement';
import { outputPath } from './outputs';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function read(file: string): unknown {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: run bench/api-diff/run.sh --no-results --pairs <base>:<head> first`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function main() {
  const [base, head] = (args[0] ?? '').split(':');
  if (!base || !head) {
    throw new Error(
      'usage: explain.ts <base>:<head> [--plinth file] [--scope breaking|breaking-or-potentially]',
    );
  }
  const scope = (option('scope') ?? 'breaking') as AgreementScope;
  if (scope !== 'breaking' && scope !== 'breaking-or-potentially') {
    throw new Error(
      `--scope: "${scope}" is not breaking or breaking-or-potentially`,
    );
  }
  const plinth = read(option('plinth') ?? outputPath(base, head, 'plinth')) as {
    changes: Change[];
  };
  const oasdiff = read(
    outputPath(
      base,
      head,
      args.includes('--flatten-allof')
        ? 'oasdiff-changelog-flatten-allof'
        : 'oasdiff-changelog',
    ),
  ) as OasdiffFinding[];
  const result = compareWithOasdiff(plinth.changes, oasdiff, scope);
  const union = result.plinth + result.oasdiff - result.both;
  process.stdout.write(
    `${base} -> ${head} (${scope}): ${result.both} of ${union} keys in both (${(
      result.agreement * 100
    ).toFixed(1)} %); plinth ${result.plinth}, oasdiff ${result.oasdiff}\n`,
  );
  for (const d of result.disagreements) {
    const lower = d.lowerId ? ` (the other lists it lower: ${d.lowerId})` : '';
    process.stdout.write(
      `${d.foundBy} only  ${d.key}  [${d.id}]${lower}\n    ${d.text}\n`,
    );
  }
}

// `explain.ts ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
