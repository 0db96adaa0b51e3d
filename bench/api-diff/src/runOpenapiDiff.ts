/**
 * The npm package openapi-diff (0.24.1) through its Node API, as one child process of the
 * bench: prints its counts by class as JSON. Its CLI prints text only.
 *   sucrase-node bench/api-diff/src/runOpenapiDiff.ts <base.json> <head.json>
 */
import { readFileSync } from 'node:fs';
import openApiDiff from 'openapi-diff';

async function main() {
  const [basePath, headPath] = process.argv.slice(2);
  const spec = (location: string) => ({
    content: readFileSync(location, 'utf8'),
    location,
    format: 'openapi3' as const,
  });
  const result = await openApiDiff.diffSpecs({
    sourceSpec: spec(basePath),
    destinationSpec: spec(headPath),
  });
  const count = (key: string) =>
    ((result as unknown as Record<string, unknown[] | undefined>)[key] ?? [])
      .length;
  process.stdout.write(
    `${JSON.stringify({
      breaking: count('breakingDifferences'),
      nonBreaking: count('nonBreakingDifferences'),
      unclassified: count('unclassifiedDifferences'),
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(2);
});
