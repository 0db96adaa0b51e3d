import { NotFoundError, ResponseError } from '@backstage/errors';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  toProblemDetails,
} from '@plinth/problem-details';
import type { MatrixPage } from '../matrix';
import { isNotFoundResponse, OwnershipClient } from './OwnershipClient';

const BASE_URL = 'http://backstage.test/api/ownership';

function clientReturning(response: Response) {
  const fetch = jest.fn(async (_input: RequestInfo | URL) => response);
  const client = new OwnershipClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const requestedUrl = () => new URL(String(fetch.mock.calls[0][0]));
  return { client, fetch, requestedUrl };
}

/** The error answer the backend sends (problem+json, built by the same code). */
function problemResponse(error: Error, url: string) {
  const problem = toProblemDetails(error, {
    method: 'GET',
    url,
    originalUrl: `/api/ownership${url}`,
  });
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    statusText: problem.title,
    headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE },
  });
}

const emptyPage: MatrixPage = {
  items: [],
  totalItems: 0,
  offset: 0,
  limit: 100,
  generatedAt: '2026-11-23T10:00:00.000Z',
  facets: { domain: [], system: [], owner: [], lifecycle: [] },
};

describe('OwnershipClient', () => {
  it('sends each filter value as a repeated query parameter', async () => {
    const { client, requestedUrl } = clientReturning(Response.json(emptyPage));

    await client.getMatrix({
      filters: {
        domain: ['identity', 'billing'],
        tier: ['tier-1'],
        q: ' user ',
      },
      offset: 100,
      limit: 50,
    });

    const url = requestedUrl();
    expect(url.pathname).toBe('/api/ownership/v1/matrix');
    expect(url.searchParams.getAll('domain')).toEqual(['identity', 'billing']);
    expect(url.searchParams.getAll('tier')).toEqual(['tier-1']);
    expect(url.searchParams.get('q')).toBe('user');
    expect(url.searchParams.get('offset')).toBe('100');
    expect(url.searchParams.get('limit')).toBe('50');
  });

  it('returns the parsed matrix page', async () => {
    const { client } = clientReturning(Response.json(emptyPage));

    await expect(client.getMatrix()).resolves.toEqual(emptyPage);
  });

  it('returns the CSV text and the filename from Content-Disposition', async () => {
    const { client, requestedUrl } = clientReturning(
      new Response('entityRef,owner\ncomponent:default/a,group:default/x\n', {
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="ownership-2026.csv"',
        },
      }),
    );

    const csv = await client.exportMatrixCsv({ owner: ['group:default/x'] });

    expect(requestedUrl().pathname).toBe('/api/ownership/v1/matrix.csv');
    expect(requestedUrl().searchParams.getAll('owner')).toEqual([
      'group:default/x',
    ]);
    expect(csv).toEqual({
      filename: 'ownership-2026.csv',
      content: 'entityRef,owner\ncomponent:default/a,group:default/x\n',
    });
  });

  it('falls back to a dated filename when the backend sends none', async () => {
    const { client } = clientReturning(new Response('entityRef\n'));

    const csv = await client.exportMatrixCsv();

    expect(csv.filename).toMatch(/^ownership-matrix-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('requests the escalation of an entity by kind, namespace and name', async () => {
    const { client, requestedUrl } = clientReturning(
      Response.json({ row: {}, findings: [] }),
    );

    await client.getEntityEscalation('component:default/user-service');

    expect(requestedUrl().pathname).toBe(
      '/api/ownership/v1/entities/component/default/user-service',
    );
  });

  it('requests a group by namespace and name, defaulting the kind to group', async () => {
    const { client, requestedUrl } = clientReturning(
      Response.json({ groupRef: 'group:default/identity' }),
    );

    await client.getGroupOwnership('identity');

    expect(requestedUrl().pathname).toBe(
      '/api/ownership/v1/groups/default/identity',
    );
  });

  it('asks for a page of coverage findings with pageSize and pageToken', async () => {
    const { client, requestedUrl } = clientReturning(
      Response.json({
        generatedAt: '2026-11-23T10:00:00.000Z',
        findings: [],
        totalFindings: 0,
        byGroup: [],
      }),
    );

    await client.getCoverage({ pageSize: 10, pageToken: 'next-page' });

    const url = requestedUrl();
    expect(url.pathname).toBe('/api/ownership/v1/coverage');
    expect(url.searchParams.get('pageSize')).toBe('10');
    expect(url.searchParams.get('pageToken')).toBe('next-page');
  });

  it('rejects with a ResponseError carrying the message of the problem+json answer', async () => {
    const { client } = clientReturning(
      problemResponse(
        new NotFoundError('No entity component:default/x'),
        '/v1/entities/component/default/x',
      ),
    );

    const error = await client
      .getEntityEscalation('component:default/x')
      .catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No entity component:default/x');
  });
});

describe('isNotFoundResponse', () => {
  it('recognises a 404 from the backend but not other errors', async () => {
    const { client } = clientReturning(
      problemResponse(new NotFoundError('gone'), '/v1/coverage'),
    );
    const notFound = await client.getCoverage().catch(e => e);

    expect(isNotFoundResponse(notFound)).toBe(true);
    expect(isNotFoundResponse(new Error('boom'))).toBe(false);
  });
});
