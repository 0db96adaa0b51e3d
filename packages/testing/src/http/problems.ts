/**
 * Assertions for Plinth's REST APIs, shared by the backend plugins' tests: the problem+json
 * error body (packages/problem-details) and the routes of a spec-first router.
 */

/** What a test HTTP client (supertest) gives back. */
export type TestResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
};

/** The part of a generated router's `spec` these helpers read. */
export type RouterSpec = {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: { Problem: { required: readonly string[] } } };
};

/**
 * Asserts that `res` is an RFC 9457 problem with `status`, carrying exactly the members the
 * spec's Problem schema requires and Backstage's error members, for a request under
 * `/api/<pluginId>/v1/`. Returns the body so a test can check the detail.
 */
export function expectProblem(
  res: TestResponse,
  status: number,
  options: { spec: RouterSpec; pluginId: string },
): {
  detail: string;
  error: { name: string; message: string; [key: string]: unknown };
  [key: string]: unknown;
} {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe(
    'application/problem+json; charset=utf-8',
  );
  const required = options.spec.components.schemas.Problem.required;
  expect(Object.keys(res.body).sort()).toEqual([...required].sort());
  expect(res.body).toMatchObject({
    type: 'about:blank',
    status,
    instance: expect.stringMatching(
      new RegExp(`^/api/${options.pluginId}/v1/`),
    ),
    response: { statusCode: status },
  });
  expect(res.body.detail).toBe(res.body.error.message);
  return res.body;
}

const HTTP_METHODS = new Set([
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
]);

/**
 * Every operation of a spec as a concrete request: each `{parameter}` replaced by a
 * harmless sample value. Used to check that every route, including one added later,
 * requires credentials (a hand-kept list would miss the new one).
 */
export function specRoutes(
  spec: Pick<RouterSpec, 'paths'>,
  sampleValue: (parameter: string) => string = () => 'sample',
): Array<{ method: string; path: string }> {
  return Object.entries(spec.paths).flatMap(([template, operations]) =>
    Object.keys(operations)
      .filter(method => HTTP_METHODS.has(method))
      .map(method => ({
        method,
        path: template.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(sampleValue(name)),
        ),
      })),
  );
}
