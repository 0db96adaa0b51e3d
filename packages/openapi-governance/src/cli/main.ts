import { runCli } from './runCli';

/** Entry point of bin/plinth-api. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  }).then(
    code => {
      // exitCode rather than exit(): lets stdout drain when it is a pipe.
      process.exitCode = code;
    },
    error => {
      process.stderr.write(
        `plinth-api: internal error: ${(error as Error).stack}\n`,
      );
      process.exitCode = 3;
    },
  );
}
