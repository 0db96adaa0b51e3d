import express from 'express';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import {
  createAccessGuard,
  problemDetailsErrorHandler,
  type AuditMeta,
  type GuardedAccess,
} from './index';

type Credentials = {
  principal: { type: string; userEntityRef?: string; subject?: string };
};

const read = { type: 'basic' as const, name: 'thing.read' };
const exportAll = { type: 'basic' as const, name: 'thing.export' };

/**
 * Typed stand-ins for Backstage's HttpAuth, Permissions and Auditor services: the
 * decisions are the test's input, and every call is recorded. The plugins' own tests run
 * the guard against the real permission backend.
 */
function services(options: {
  credentials: Credentials | Error;
  allowed: string[];
}) {
  const calls: string[] = [];
  const events: Array<{
    eventId: string;
    severityLevel?: string;
    meta?: AuditMeta;
    path?: string;
    outcome?: string;
  }> = [];
  return {
    calls,
    events,
    httpAuth: {
      async credentials() {
        calls.push('credentials');
        if (options.credentials instanceof Error) throw options.credentials;
        return options.credentials;
      },
    },
    permissions: {
      async authorize(
        requests: Array<{ permission: { name: string } }>,
        { credentials }: { credentials: Credentials },
      ) {
        calls.push(
          `authorize ${requests.map(r => r.permission.name).join(',')} for ${
            credentials.principal.type
          }`,
        );
        return requests.map(r => ({
          result: options.allowed.includes(r.permission.name)
            ? 'ALLOW'
            : 'DENY',
        }));
      },
    },
    auditor: {
      async createEvent(event: {
        eventId: string;
        severityLevel?: string;
        meta?: AuditMeta;
        request?: express.Request<any, any, any, any>;
      }) {
        calls.push(`audit ${event.eventId}`);
        const recorded: (typeof events)[number] = {
          eventId: event.eventId,
          severityLevel: event.severityLevel,
          meta: event.meta,
          path: event.request?.path,
        };
        events.push(recorded);
        return {
          async success() {
            recorded.outcome = 'success';
          },
          async fail({ error }: { error: Error }) {
            recorded.outcome = `fail ${error.name}: ${error.message}`;
          },
        };
      },
    },
  };
}

/** A real Express app whose GET /v1/things runs `handle` through the guard. */
async function serve(
  s: ReturnType<typeof services>,
  access: GuardedAccess,
  handle: (credentials: Credentials) => unknown,
  describePrincipal?: (credentials: Credentials) => string,
) {
  const guard = createAccessGuard({ ...s, describePrincipal });
  const app = express();
  app.get('/v1/things', async (req, res, next) => {
    try {
      res.json(await guard(req, access, handle));
    } catch (error) {
      next(error);
    }
  });
  app.use(problemDetailsErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v1/things`);
    return { status: res.status, body: await res.json() };
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

const guest: Credentials = {
  principal: { type: 'user', userEntityRef: 'user:default/guest' },
};

describe('createAccessGuard', () => {
  it('runs the handler with the caller credentials once every permission is allowed, and audits the success', async () => {
    const s = services({ credentials: guest, allowed: ['thing.read'] });
    const { status, body } = await serve(
      s,
      {
        eventId: 'thing-read',
        meta: { queryType: 'list' },
        permissions: [read],
      },
      credentials => ({ for: credentials.principal.userEntityRef }),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ for: 'user:default/guest' });
    // The event is opened before the decision, so a denial is recorded too.
    expect(s.calls).toEqual([
      'credentials',
      'audit thing-read',
      'authorize thing.read for user',
    ]);
    expect(s.events).toEqual([
      {
        eventId: 'thing-read',
        severityLevel: 'low',
        meta: { queryType: 'list' },
        path: '/v1/things',
        outcome: 'success',
      },
    ]);
  });

  it('answers 403 problem+json naming the denied permissions and the caller, records the failure, and never runs the handler', async () => {
    const s = services({ credentials: guest, allowed: ['thing.read'] });
    const handle = jest.fn();
    const { status, body } = await serve(
      s,
      {
        eventId: 'thing-export',
        severityLevel: 'medium',
        meta: {},
        permissions: [read, exportAll],
      },
      handle,
    );
    expect(status).toBe(403);
    expect(body).toMatchObject({
      title: 'Forbidden',
      status: 403,
      detail: 'thing.export: denied to user:default/guest.',
      error: { name: 'NotAllowedError' },
    });
    expect(handle).not.toHaveBeenCalled();
    expect(s.events).toEqual([
      expect.objectContaining({
        eventId: 'thing-export',
        severityLevel: 'medium',
        outcome:
          'fail NotAllowedError: thing.export: denied to user:default/guest.',
      }),
    ]);
  });

  it('names a service caller by its subject, or as the page says through describePrincipal', async () => {
    const automation: Credentials = {
      principal: { type: 'service', subject: 'external:automation' },
    };
    const access = { eventId: 'thing-read', meta: {}, permissions: [read] };
    const plain = await serve(
      services({ credentials: automation, allowed: [] }),
      access,
      () => 'unused',
    );
    expect(plain.body.detail).toBe(
      'thing.read: denied to external:automation.',
    );
    const custom = await serve(
      services({ credentials: automation, allowed: [] }),
      access,
      () => 'unused',
      c => `service ${c.principal.subject}`,
    );
    expect(custom.body.detail).toBe(
      'thing.read: denied to service external:automation.',
    );
  });

  it('records the failure of a handler that throws, and answers with its status', async () => {
    const s = services({ credentials: guest, allowed: ['thing.read'] });
    const { status, body } = await serve(
      s,
      { eventId: 'thing-read', meta: { id: 'x' }, permissions: [read] },
      () => {
        throw new NotFoundError('No thing x');
      },
    );
    expect(status).toBe(404);
    expect(body.detail).toBe('No thing x');
    expect(s.events[0].outcome).toBe('fail NotFoundError: No thing x');
  });

  it('answers 401 without credentials before opening an audit event or asking for a decision', async () => {
    const s = services({
      credentials: new AuthenticationError('Missing credentials'),
      allowed: ['thing.read'],
    });
    const { status, body } = await serve(
      s,
      { eventId: 'thing-read', meta: {}, permissions: [read] },
      () => 'unused',
    );
    expect(status).toBe(401);
    expect(body.detail).toBe('Missing credentials');
    expect(s.calls).toEqual(['credentials']);
    expect(s.events).toEqual([]);
  });
});
