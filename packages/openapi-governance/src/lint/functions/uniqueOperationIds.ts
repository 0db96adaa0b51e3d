import { operations, Results } from './shared';

/** Every operation has an operationId and no two share one (generated clients need both). */
export function uniqueOperationIds(document: unknown): Results {
  const results: Results = [];
  if (typeof document !== 'object' || document === null) return results;
  const seen = new Map<string, string>();
  for (const { path, method, operation, at } of operations(
    document as Record<string, any>,
  )) {
    const id = operation.operationId;
    const name = `${method.toUpperCase()} ${path}`;
    if (typeof id !== 'string' || id.trim() === '') {
      results.push({ message: `${name} has no operationId.`, path: at });
      continue;
    }
    const first = seen.get(id);
    if (first) {
      results.push({
        message: `operationId "${id}" of ${name} is already used by ${first}.`,
        path: [...at, 'operationId'],
      });
    } else {
      seen.set(id, name);
    }
  }
  return results;
}
