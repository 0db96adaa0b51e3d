import { isObject, operations, propertyNames, Results } from './shared';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_FIELDS = ['type', 'title', 'status'];

/** 4xx/5xx responses use RFC 7807/9457 problem details with at least type, title and status. */
export function problemJsonErrors(document: unknown): Results {
  if (!isObject(document)) return [];
  const results: Results = [];
  for (const { path, method, operation, at } of operations(document)) {
    if (!isObject(operation.responses)) continue;
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^[45](\d\d|XX)$/i.test(status) || !isObject(response)) continue;
      const name = `The ${status} response of ${method.toUpperCase()} ${path}`;
      const media = isObject(response.content)
        ? response.content[PROBLEM_MEDIA_TYPE]
        : undefined;
      if (!isObject(media)) {
        results.push({
          message: `${name} has no ${PROBLEM_MEDIA_TYPE} body; errors use the standard problem schema.`,
          path: [...at, 'responses', status],
        });
        continue;
      }
      const fields = propertyNames(media.schema);
      const missing = PROBLEM_FIELDS.filter(f => !fields.has(f));
      if (missing.length > 0) {
        results.push({
          message: `${name}: the problem schema lacks ${missing.join(
            ', ',
          )} (RFC 9457).`,
          path: [
            ...at,
            'responses',
            status,
            'content',
            PROBLEM_MEDIA_TYPE,
            'schema',
          ],
        });
      }
    }
  }
  return results;
}
