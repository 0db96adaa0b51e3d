import { isObject, operations, Results } from './shared';

/**
 * Accepted paging conventions, as query parameter pairs. Plinth's own APIs use the first
 * (cursor paging as in Google AIP-158: pageSize + pageToken in, nextPageToken out).
 */
export const PAGING_CONVENTIONS: ReadonlyArray<readonly [string, string]> = [
  ['pageSize', 'pageToken'],
  ['limit', 'cursor'],
  ['limit', 'offset'],
];

/**
 * The extension that exempts one list operation from paging. Its value is the reason the
 * list stays short (e.g. "one entry per configured pipeline"); reviewers read it, so an
 * empty or non-string value is itself a finding.
 */
export const UNPAGINATED_EXTENSION = 'x-plinth-unpaginated';

/**
 * A list endpoint is a GET on a collection path (the last segment is not a path
 * parameter) whose 200 JSON body is an array or an object with an array property
 * (`items`, SCIM's `Resources`, ...). It must accept one of the paging parameter pairs,
 * and must not return a bare array (there would be nowhere to put the next page's token).
 * An operation with a reason in `x-plinth-unpaginated` is exempt from the parameters, not
 * from the wrapping object (a bounded list may still grow paging later).
 */
export function paginatedLists(document: unknown): Results {
  if (!isObject(document)) return [];
  const results: Results = [];
  for (const { path, method, operation, at } of operations(document)) {
    if (method !== 'get') continue;
    const schema =
      operation.responses?.['200']?.content?.['application/json']?.schema;
    if (!isObject(schema)) continue;
    const bareArray = schema.type === 'array';
    const wrapped =
      isObject(schema.properties) &&
      Object.values(schema.properties).some(
        p => isObject(p) && p.type === 'array',
      );
    const collectionPath = !/\}\/?$/.test(path);
    if (!collectionPath || (!bareArray && !wrapped)) continue;
    const name = `GET ${path}`;
    const exempt = UNPAGINATED_EXTENSION in operation;
    if (exempt) {
      const reason = operation[UNPAGINATED_EXTENSION];
      if (typeof reason !== 'string' || reason.trim() === '') {
        results.push({
          message: `${name}: ${UNPAGINATED_EXTENSION} must say why the list stays short (a non-empty string).`,
          path: [...at, UNPAGINATED_EXTENSION],
        });
      }
    }
    if (bareArray) {
      results.push({
        message: `${name} returns a bare array; return an object with "items" and a next-page token so the list can be paged.`,
        path: [
          ...at,
          'responses',
          '200',
          'content',
          'application/json',
          'schema',
        ],
      });
    }
    const params = new Set<string>();
    const pathItem = document.paths[path];
    for (const list of [pathItem.parameters, operation.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const p of list) {
        if (isObject(p) && p.in === 'query' && typeof p.name === 'string')
          params.add(p.name);
      }
    }
    if (
      !exempt &&
      !PAGING_CONVENTIONS.some(([a, b]) => params.has(a) && params.has(b))
    ) {
      results.push({
        message: `${name} lists items without the paging parameters of the guidelines; accept pageSize and pageToken (or limit with cursor or offset).`,
        path: at,
      });
    }
  }
  return results;
}
