import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createRouter } from '../router';

/** `METHOD /path` for every operation in the spec, with `{param}` as `:param`. */
function specOperations(): string[] {
  const text = fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8');
  const pathsSection = text.slice(text.indexOf('\npaths:\n'));
  const operations: string[] = [];
  let current: string | undefined;
  for (const line of pathsSection.split('\n')) {
    const pathMatch = line.match(/^ {2}(\/\S*):\s*$/);
    if (pathMatch) {
      current = pathMatch[1].replace(/\{(\w+)\}/g, ':$1');
      continue;
    }
    const methodMatch = line.match(/^ {4}(get|put|post|patch|delete):\s*$/);
    if (methodMatch && current) {
      operations.push(`${methodMatch[1].toUpperCase()} ${current}`);
    }
  }
  return operations.sort();
}

async function routerOperations(): Promise<string[]> {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    auditor: mockServices.auditor.mock(),
    snapshots: { getSnapshot: jest.fn(), refresh: jest.fn() },
  });
  return router.stack
    .filter(layer => layer.route)
    .flatMap(layer => {
      const route = layer.route as unknown as {
        path: string;
        methods: Record<string, boolean>;
      };
      return Object.keys(route.methods).map(
        method => `${method.toUpperCase()} ${route.path}`,
      );
    })
    .sort();
}

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const fromSpec = specOperations();
    expect(fromSpec).toHaveLength(6);
    expect(await routerOperations()).toEqual(fromSpec);
  });
});
