import { AdoptionClient } from './AdoptionClient';

/** Records each request and answers with `body`, the way the Tech Insights router does. */
function clientAnswering(body: unknown, status = 200) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new AdoptionClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: async (input, init) => {
        calls.push({ url: String(input), init });
        return Response.json(body, { status });
      },
    },
  });
  return { client, calls };
}

describe('AdoptionClient', () => {
  it('runs checks at /checks/run/{namespace}/{kind}/{name} with a JSON body', async () => {
    const { client, calls } = clientAnswering([]);
    await client.runChecks('Component:default/orders-service');
    expect(calls[0].url).toBe(
      'http://backend/api/tech-insights/checks/run/default/component/orders-service',
    );
    expect(calls[0].init?.method).toBe('POST');
  });

  it('asks for the latest facts of several retrievers', async () => {
    const { client, calls } = clientAnswering({});
    await client.getLatestFacts('component:default/a', ['r1', 'r2']);
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/tech-insights/facts/latest');
    expect(url.searchParams.get('entity')).toBe('component:default/a');
    expect(url.searchParams.getAll('ids')).toEqual(['r1', 'r2']);
  });

  it('returns the rows of the range for the retriever', async () => {
    const { client, calls } = clientAnswering({
      r: [
        {
          id: 'r',
          timestamp: '2026-11-30T00:00:00.000Z',
          version: '1',
          facts: {},
        },
        {
          id: 'r',
          timestamp: '2026-11-29T00:00:00.000Z',
          version: '1',
          facts: {},
        },
      ],
    });
    const rows = await client.getFactRange(
      'group:default/orders',
      'r',
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-30T12:00:00Z'),
    );
    // As the backend sent them: ordering by day is dailyPoints' job (it also copes with
    // rows whose timestamp is null).
    expect(rows.map(r => r.timestamp)).toEqual([
      '2026-11-30T00:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
    ]);
    const url = new URL(calls[0].url);
    expect(url.searchParams.get('startDatetime')).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });

  it("throws the backend's error as a ResponseError", async () => {
    const { client } = clientAnswering(
      { error: { name: 'NotAllowedError', message: 'Unauthorized' } },
      403,
    );
    await expect(client.getChecks()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});
