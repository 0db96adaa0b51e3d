import express from 'express';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  problemDetailsErrorHandler,
  problemDetailsOf,
  responseErrorFrom,
} from './index';

class DatabaseError extends Error {}

/** A real Express app that throws `error` from GET /v1/things/:id. */
async function serve(thrown: unknown, logged: unknown[] = []) {
  const app = express();
  app.get('/v1/things/:id', () => {
    throw thrown;
  });
  app.use(
    problemDetailsErrorHandler({
      logger: { error: (message, meta) => logged.push({ message, meta }) },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    fetch: (path = '/v1/things/42?verbose=1') =>
      fetch(`http://127.0.0.1:${port}${path}`),
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('problemDetailsErrorHandler', () => {
  it.each([
    [new InputError('limit must be <= 500'), 400, 'Bad Request'],
    [new AuthenticationError('No token'), 401, 'Unauthorized'],
    [new NotAllowedError('ownership.matrix.read: denied'), 403, 'Forbidden'],
    [new NotFoundError('No entity component:default/x'), 404, 'Not Found'],
    [new ServiceUnavailableError('catalog down'), 503, 'Service Unavailable'],
  ])(
    'answers %p as %i problem+json with Backstage members',
    async (error, status, title) => {
      const server = await serve(error);
      try {
        const res = await server.fetch();
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toBe(
          `${PROBLEM_JSON_MEDIA_TYPE}; charset=utf-8`,
        );
        expect(await res.json()).toEqual({
          type: 'about:blank',
          title,
          status,
          detail: error.message,
          instance: '/v1/things/42',
          error: { name: error.name, message: error.message },
          request: { method: 'GET', url: '/v1/things/42?verbose=1' },
          response: { statusCode: status },
        });
      } finally {
        await server.close();
      }
    },
  );

  it('names a 422 from an error that carries its status code', async () => {
    const server = await serve(
      Object.assign(new Error('info.version is missing'), {
        name: 'UnprocessableDefinitionError',
        statusCode: 422,
      }),
    );
    try {
      const res = await server.fetch();
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        title: 'Unprocessable Content',
        status: 422,
        detail: 'info.version is missing',
      });
    } finally {
      await server.close();
    }
  });

  it('never sends a stack trace', async () => {
    const server = await serve(new Error('boom'));
    try {
      const body = await (await server.fetch()).json();
      expect(body.status).toBe(500);
      expect(body.error.stack).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('problemDetails.test');
    } finally {
      await server.close();
    }
  });

  it('hides database errors and thrown non-errors, and logs the original', async () => {
    for (const thrown of [
      new DatabaseError('insert into secrets values (hunter2)'),
      'a string',
    ]) {
      const logged: Array<{ message: string; meta: unknown }> = [];
      const server = await serve(thrown, logged);
      try {
        const body = await (await server.fetch()).json();
        expect(body.status).toBe(500);
        expect(body.detail).toBe('An internal error occurred');
        expect(JSON.stringify(body)).not.toContain('hunter2');
        expect(logged).toHaveLength(1);
        expect(logged[0].message).toBe('Request failed with status 500');
      } finally {
        await server.close();
      }
    }
  });

  it('does not log client errors', async () => {
    const logged: unknown[] = [];
    const server = await serve(new InputError('bad'), logged);
    try {
      expect((await server.fetch()).status).toBe(400);
      expect(logged).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('responseErrorFrom', () => {
  it('turns a problem+json answer into a ResponseError carrying the server message', async () => {
    const server = await serve(new NotFoundError('No pipeline orders'));
    try {
      const error = await responseErrorFrom(await server.fetch());
      expect(ResponseError.is(error)).toBe(true);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
      expect(error.cause.name).toBe('NotFoundError');
      expect(error.cause.message).toBe('No pipeline orders');
      expect(error.body.request).toEqual({
        method: 'GET',
        url: '/v1/things/42?verbose=1',
      });
      expect(problemDetailsOf(error)).toMatchObject({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No pipeline orders',
        instance: '/v1/things/42',
      });
    } finally {
      await server.close();
    }
  });

  it('reads a problem from a server that sends only the RFC 9457 members', async () => {
    const error = await responseErrorFrom(
      new Response(
        JSON.stringify({
          type: 'https://example.com/probs/out-of-credit',
          title: 'You do not have enough credit.',
          status: 403,
          detail: 'Your current balance is 30, but that costs 50.',
        }),
        {
          status: 403,
          headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE },
        },
      ),
    );
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe(
      'You do not have enough credit.: Your current balance is 30, but that costs 50.',
    );
    expect(problemDetailsOf(error)?.type).toBe(
      'https://example.com/probs/out-of-credit',
    );
  });

  it('still reads the application/json error body of other Backstage backends', async () => {
    const error = await responseErrorFrom(
      Response.json(
        {
          error: { name: 'NotAllowedError', message: 'denied' },
          response: { statusCode: 403 },
        },
        { status: 403 },
      ),
    );
    expect(error.cause.message).toBe('denied');
    expect(problemDetailsOf(error)).toBeUndefined();
  });

  it('reports a broken problem body with its status and text', async () => {
    const error = await responseErrorFrom(
      new Response('<html>proxy error</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE },
      }),
    );
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('<html>proxy error</html>');
  });
});
