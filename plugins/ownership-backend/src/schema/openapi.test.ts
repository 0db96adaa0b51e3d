import { mockServices } from '@backstage/backend-test-utils';
import {
  COVERAGE_FINDING_SEVERITY,
  COVERAGE_FINDING_TYPES,
} from '@plinth/plugin-ownership-common';
import fs from 'node:fs';
import path from 'node:path';
import { createRouter } from '../router';

const readSpec = () =>
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8');

/** The `enum` list of one schema under components.schemas, or of one of its properties. */
function specEnum(schema: string, property?: string): string[] {
  const text = readSpec();
  const start = text.indexOf(`\n    ${schema}:\n`);
  const end = text.slice(start + 1).search(/\n {4}\S/) + start + 1;
  let body = text.slice(start, end);
  if (property) {
    const line = body
      .split('\n')
      .find(l => l.trimStart().startsWith(`${property}:`));
    const inline = line?.match(/enum: \[([^\]]*)\]/);
    return inline ? inline[1].split(',').map(v => v.trim()) : [];
  }
  body = body.slice(body.indexOf('enum:'));
  return [...body.matchAll(/^ {8}- (\S+)$/gm)].map(m => m[1]);
}

/** `METHOD /path` for every operation in the spec, with `{param}` as `:param`. */
function specOperations(): string[] {
  const text = readSpec();
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

  it('enumerates exactly the finding types of ownership-common, in order', () => {
    expect(specEnum('CoverageFindingType')).toEqual([
      ...COVERAGE_FINDING_TYPES,
    ]);
  });

  it('enumerates exactly the finding severities of ownership-common', () => {
    expect(specEnum('CoverageFinding', 'severity').sort()).toEqual(
      [...new Set(Object.values(COVERAGE_FINDING_SEVERITY))].sort(),
    );
  });
});
