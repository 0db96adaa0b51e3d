import { isObject, operations, Results } from './shared';

/**
 * A security scheme is declared and every operation is covered by one, globally or on
 * the operation. An explicit `security: []` on an operation is a deliberate opt-out
 * (health checks) and passes; forgetting security altogether does not.
 */
export function securityApplied(document: unknown): Results {
  if (!isObject(document)) return [];
  const results: Results = [];
  const schemes = isObject(document.components?.securitySchemes)
    ? Object.keys(document.components.securitySchemes)
    : [];
  if (schemes.length === 0) {
    results.push({
      message:
        'No security scheme is declared; add one under components.securitySchemes.',
      path: isObject(document.components) ? ['components'] : [],
    });
  }
  const checkList = (list: unknown, at: Array<string | number>) => {
    if (!Array.isArray(list)) return;
    list.forEach((requirement, i) => {
      if (!isObject(requirement)) return;
      for (const name of Object.keys(requirement)) {
        if (!schemes.includes(name)) {
          results.push({
            message: `Security requirement names "${name}", which is not declared in components.securitySchemes.`,
            path: [...at, i, name],
          });
        }
      }
    });
  };
  const global =
    Array.isArray(document.security) && document.security.length > 0;
  checkList(document.security, ['security']);
  for (const { path, method, operation, at } of operations(document)) {
    if (Array.isArray(operation.security)) {
      checkList(operation.security, [...at, 'security']);
    } else if (!global) {
      results.push({
        message: `${method.toUpperCase()} ${path} has no security requirement and there is no global one; apply a security scheme (or an explicit "security: []" for a public endpoint).`,
        path: at,
      });
    }
  }
  return results;
}
