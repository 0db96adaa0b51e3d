import { SpecInputError } from '../errors';
import { diffOpenApi } from '../diff/diffOpenApi';
import { loadSpec } from '../load/loadSpec';
import { formatDiffText, formatLintText } from './formatText';
import { diffOutput, ErrorOutput, lintOutput } from './outputShapes';
import { CliCommand, parseArgs, USAGE, UsageError } from './parseArgs';

/** Exit codes are the CLI's contract with CI gates. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
/** A bug in this tool, not in the input; the message asks to report it. */
export const EXIT_INTERNAL = 3;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin?: NodeJS.ReadableStream;
}

/** Runs one command line and returns the exit code; never calls process.exit. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  let parsed: CliCommand;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`plinth-api: ${error.message}\n\n${USAGE}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  if (parsed.command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  try {
    if (parsed.command === 'diff') {
      const base = await loadSpec(parsed.base, { stdin: io.stdin });
      const head = await loadSpec(parsed.head, { stdin: io.stdin });
      const changes = diffOpenApi(base, head, {
        now: parsed.now,
        sunsetAt: parsed.sunsetAt,
      });
      const output = diffOutput(base, head, changes, parsed.failOn);
      io.stdout.write(
        parsed.format === 'json'
          ? `${JSON.stringify(output, null, 2)}\n`
          : formatDiffText(output),
      );
      return output.failed ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    const spec = await loadSpec(parsed.spec, { stdin: io.stdin });
    // Spectral takes a second or more to load; `diff` does not need it.
    // (require, not import(): the TS sources run as CommonJS under the node transform.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lintOpenApi } =
      require('../lint/lintOpenApi') as typeof import('../lint/lintOpenApi');
    const output = lintOutput(spec, await lintOpenApi(spec), parsed.failOn);
    io.stdout.write(
      parsed.format === 'json'
        ? `${JSON.stringify(output, null, 2)}\n`
        : formatLintText(output),
    );
    return output.failed ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    if (error instanceof SpecInputError) {
      io.stderr.write(`plinth-api ${parsed.command}: ${error.message}\n`);
      if (parsed.format === 'json') {
        const output: ErrorOutput = {
          schemaVersion: 1,
          command: parsed.command,
          error: {
            code: error.code,
            message: error.message,
            source: error.source,
            ...(error.line !== undefined
              ? { line: error.line, column: error.column }
              : {}),
          },
        };
        io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      }
      return EXIT_BAD_INPUT;
    }
    io.stderr.write(
      `plinth-api ${
        parsed.command
      }: internal error, please report it with the input: ${
        (error as Error).stack ?? String(error)
      }\n`,
    );
    return EXIT_INTERNAL;
  }
}
