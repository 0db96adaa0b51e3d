import { PipelineError } from '../errors';
import { Logger } from '../logging/Logger';

/**
 * Runs a CLI main function: a PipelineError becomes one clear line on stderr (plus a JSON
 * log line) and its exit code; anything else is a bug, exit 1 with the stack.
 */
export function runCli(
  name: string,
  main: () => Promise<number>,
  logger?: () => Logger | undefined,
): void {
  main().then(
    code => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const log = logger?.();
      if (error instanceof PipelineError) {
        log?.error(error.message, { error: error.name, hint: error.hint });
        process.stderr.write(
          `${name}: error: ${error.message}\n${
            error.hint ? `${name}: hint: ${error.hint}\n` : ''
          }`,
        );
        process.exit(error.exitCode);
      }
      log?.error('unexpected failure', { error });
      process.stderr.write(
        `${name}: unexpected failure: ${
          error instanceof Error ? error.stack : String(error)
        }\n`,
      );
      process.exit(1);
    },
  );
}

/**
 * SIGTERM/SIGINT run `onStop` once; a second signal exits at once (status 130).
 */
export function onTermination(
  logger: Logger,
  onStop: (signal: string) => void,
): void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn('second signal: exiting without draining', { signal });
      process.exit(130);
    }
    received = true;
    logger.info('stopping', { signal });
    onStop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
