/*
 * yarn workspace @plinth/dev-identity-provider serve [options]
 *
 *   --port N             PLINTH_DEV_IDP_PORT             default 7777 (0: a free port)
 *   --host H                                             default 127.0.0.1
 *   --users FILE         catalog YAML with User entities default examples/org/users.yaml
 *   --password P         PLINTH_DEV_IDP_PASSWORD         default plinth-dev
 *   --client-id ID       PLINTH_DEV_IDP_CLIENT_ID        default plinth-portal
 *   --client-secret S    PLINTH_DEV_IDP_CLIENT_SECRET    default plinth-dev-client-secret
 *   --redirect-uri URI   (repeatable)                    default
 *                        http://localhost:7007/api/auth/oidc/handler/frame
 *
 * Prints one ready line on stdout when the discovery document is served; logs JSON lines on
 * stderr. A development identity provider: the password is public on purpose.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DevIdentityProviderError } from '../accounts/types';
import { startDevIdentityProvider } from '../server/startDevIdentityProvider';

// `yarn workspace ... serve` runs in this package's directory; paths given on the command
// line are relative to where the command was typed (yarn's INIT_CWD).
const INVOCATION_DIR = process.env.INIT_CWD ?? process.cwd();
const DEFAULT_USERS = resolve(process.cwd(), '../../examples/org/users.yaml');

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
        default: process.env.PLINTH_DEV_IDP_PORT ?? '7777',
      },
      host: { type: 'string', default: '127.0.0.1' },
      users: {
        type: 'string',
        default: DEFAULT_USERS,
      },
      password: {
        type: 'string',
        default: process.env.PLINTH_DEV_IDP_PASSWORD ?? 'plinth-dev',
      },
      'client-id': {
        type: 'string',
        default: process.env.PLINTH_DEV_IDP_CLIENT_ID ?? 'plinth-portal',
      },
      'client-secret': {
        type: 'string',
        default:
          process.env.PLINTH_DEV_IDP_CLIENT_SECRET ??
          'plinth-dev-client-secret',
      },
      'redirect-uri': { type: 'string', multiple: true },
    },
    strict: true,
  });
  if (!/^\d+$/.test(values.port)) {
    throw new DevIdentityProviderError(
      `--port must be a number, got '${values.port}'`,
    );
  }
  const idp = await startDevIdentityProvider({
    host: values.host,
    port: Number(values.port),
    usersFile: resolve(INVOCATION_DIR, values.users),
    password: values.password,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    redirectUris: values['redirect-uri'] ?? [
      'http://localhost:7007/api/auth/oidc/handler/frame',
    ],
    log,
  });
  process.stdout.write(
    `dev-identity-provider ready: issuer ${idp.issuer} (${idp.accounts.length} accounts, client ${values['client-id']})\n`,
  );
  const stop = () => {
    idp.stop().then(
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
    error instanceof DevIdentityProviderError ||
    error?.code === 'EADDRINUSE' ||
    error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(`dev-identity-provider: error: ${error.message}\n`);
  } else {
    process.stderr.write(
      `dev-identity-provider: error: ${error?.stack ?? error}\n`,
    );
  }
  process.exit(1);
});
