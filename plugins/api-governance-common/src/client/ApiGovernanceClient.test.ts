import { CustomErrorBase } from '@backstage/errors';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  toProblemDetails,
} from '@plinth/problem-details';
import { ApiGovernanceClient } from './ApiGovernanceClient';

const BASE_URL = 'http://backstage.test/api/api-governance';

function clientReturning(response: Response) {
  const fetch = jest.fn(async (_input: RequestInfo | URL) => response);
  const client = new ApiGovernanceClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const requestedUrl = () => new URL(String(fetch.mock.calls[0][0]));
  return { client, requestedUrl };
}

/** A 422 as the backend sends it: problem+json built by the same code. */
class DefinitionError extends CustomErrorBase {
  readonly statusCode = 422;
  readonly code = 'SWAGGER_2';
}

describe('ApiGovernanceClient', () => {
  it('asks for a diff between two lines with full entity refs', async () => {
    const { client, requestedUrl } = clientReturning(Response.json({}));
    await client.getDiff(
      'user-provisioning',
      'user-provisioning-v1',
      {
        kind: 'API',
        namespace: 'default',
        name: 'user-provisioning-v2',
      },
      { pageSize: 50 },
    );
    const url = requestedUrl();
    expect(url.pathname).toBe(
      '/api/api-governance/v1/families/user-provisioning/diff',
    );
    expect(url.searchParams.get('base')).toBe(
      'api:default/user-provisioning-v1',
    );
    expect(url.searchParams.get('head')).toBe(
      'api:default/user-provisioning-v2',
    );
    expect(url.searchParams.get('pageSize')).toBe('50');
  });

  it('asks for the lint of an API entity by its ref, the kind in lower case', async () => {
    const { client, requestedUrl } = clientReturning(Response.json({}));
    await client.getLint('API:team/orders-v1');
    expect(requestedUrl().pathname).toBe(
      '/api/api-governance/v1/apis/api/team/orders-v1/lint',
    );
  });

  it("rejects with the backend's message from a problem+json answer", async () => {
    const problem = toProblemDetails(
      new DefinitionError('api:default/legacy: Swagger 2.0 is not supported'),
      { method: 'GET', url: '/v1/apis/api/default/legacy/lint' },
    );
    const { client } = clientReturning(
      new Response(JSON.stringify(problem), {
        status: 422,
        headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE },
      }),
    );
    const error = await client.getLint('api:default/legacy').catch(e => e);
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 422 });
    // The server's message and the loader's code, for the page's error state.
    expect(error.cause.message).toMatch(/Swagger 2\.0 is not supported/);
    expect(error.body.error.code).toBe('SWAGGER_2');
  });
});
