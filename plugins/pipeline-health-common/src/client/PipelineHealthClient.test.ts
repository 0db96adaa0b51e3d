import { NotFoundError, ResponseError } from '@backstage/errors';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  toProblemDetails,
} from '@plinth/problem-details';
import { PipelineHealthClient } from './PipelineHealthClient';

function clientReturning(response: Response) {
  const fetch = jest.fn(async (_input: RequestInfo | URL) => response);
  const client = new PipelineHealthClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backstage.test/api/pipeline-health',
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const requestedUrl = () => new URL(String(fetch.mock.calls[0][0]));
  return { client, requestedUrl };
}

describe('PipelineHealthClient', () => {
  it('calls version 1 of the API', async () => {
    const { client, requestedUrl } = clientReturning(
      Response.json({ incidents: [] }),
    );

    await client.getIncidents('events');

    expect(requestedUrl().pathname).toBe(
      '/api/pipeline-health/v1/pipelines/events/incidents',
    );
  });

  it("rejects with a ResponseError carrying the backend's problem+json message", async () => {
    // The body the backend's error handler sends, built by the same code.
    const problem = toProblemDetails(
      new NotFoundError('No pipeline "orders" is configured'),
      {
        method: 'GET',
        url: '/v1/pipelines/orders',
        originalUrl: '/api/pipeline-health/v1/pipelines/orders',
      },
    );
    const { client } = clientReturning(
      new Response(JSON.stringify(problem), {
        status: 404,
        headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE },
      }),
    );

    const error = await client.getPipeline('orders').catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No pipeline "orders" is configured');
  });
});
