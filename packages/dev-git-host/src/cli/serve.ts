/*
 * yarn workspace @plinth/dev-git-host serve [options]
 *
 *   --port N        PLINTH_GITHOST_PORT    default 7010 (0: a free port)
 *   --host H                               default 127.0.0.1
 *   --root DIR      PLINTH_GITHOST_ROOT    default .cache/githost/repos (repository root)
 *   token           PLINTH_GITHOST_TOKEN   default plinth-dev-git-token (environment only:
 *                                          a command line is visible in ps)
 *
 * Prints one ready line on stdout when it listens; logs JSON lines on stderr. A development
 * git host: the default token is public on purpose.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DevGitHostError } from '../server/errors';
import { startDevGitHost } from '../server/startDevGitHost';

// `yarn workspace ... serve` runs in this package's directory; paths given on the command
// line are relative to where the command was typed (yarn's INIT_CWD).
const INVOCATION_DIR = process.env.INIT_CWD ?? process.cwd();
// `yarn workspace ... serve` runs in packages/dev-git-host; githost.sh passes --root.
const DEFAULT_ROOT = resolve(process.cwd(), '../../.cache/githost/repos');

function log(message: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(
    `${JSON.stringify({
      time: new Date().toISOString(),
      message,
      ...fields,
    })}\n`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: {
        type: 'string',
        default: process.env.PLINTH_GITHOST_PORT ?? '7010',
      },
      host: { type: 'string', default: '127.0.0.1' },
      root: {
        type: 'string',
        default: process.env.PLINTH_GITHOST_ROOT ?? DEFAULT_ROOT,
      },
    },
    strict: true,
  });
  if (!/^\d+$/.test(values.port)) {
    throw new DevGitHostError(`--port must be a number, got '${values.port}'`);
  }
  const gitHost = await startDevGitHost({
    host: values.host,
    port: Number(values.port),
    root: resolve(INVOCATION_DIR, values.root),
    token: process.env.PLINTH_GITHOST_TOKEN ?? 'plinth-dev-git-token',
    log,
  });
  process.stdout.write(
    `dev-git-host ready: ${gitHost.baseUrl} (repositories in ${gitHost.root})\n`,
  );
  const stop = () => {
    gitHost.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  // One line an engineer can act on; the stack only for unexpected failures.
  if (
    error instanceof DevGitHostError ||
    error?.code === 'EADDRINUSE' ||
    error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(`dev-git-host: error: ${error.message}\n`);
  } else {
    process.stderr.write(`dev-git-host: error: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
