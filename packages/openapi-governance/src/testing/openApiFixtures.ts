import path from 'node:path';
import { diffOpenApi } from '../diff/diffOpenApi';
import type { Change, DiffOptions } from '../diff/types';
import { parseSpec } from '../load/loadSpec';
import type { LoadedSpec } from '../load/types';

/** The repository's example documents (user-provisioning v1 -> v2 has real breaking changes). */
// Test-only: the fixtures read the repository's examples, never part of a build.
// eslint-disable-next-line no-restricted-syntax
const HERE = __dirname;
export const EXAMPLES_DIR = path.resolve(
  HERE,
  '../../../../examples/apis/openapi',
);

export function exampleFile(name: string): string {
  return path.join(EXAMPLES_DIR, name);
}

/** A minimal valid OpenAPI document; tests override the parts a rule looks at. */
export function api(
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  return {
    openapi: '3.0.3',
    info: { title: 'Test API', version: '1.0.0' },
    paths: {},
    ...overrides,
  };
}

/** One operation returning 200 with `schema` as its JSON body. */
export function getReturning(schema: unknown): Record<string, any> {
  return {
    operationId: 'getThing',
    responses: {
      '200': { description: 'ok', content: { 'application/json': { schema } } },
    },
  };
}

/** One POST operation taking `schema` as its JSON request body. */
export function postTaking(
  schema: unknown,
  required = true,
): Record<string, any> {
  return {
    operationId: 'createThing',
    requestBody: { required, content: { 'application/json': { schema } } },
    responses: { '204': { description: 'done' } },
  };
}

export function loaded(
  document: Record<string, unknown>,
  source = 'doc.json',
): LoadedSpec {
  return parseSpec(JSON.stringify(document), source);
}

/** Diffs two documents given as objects, with a fixed clock. */
export function diff(
  base: Record<string, unknown>,
  head: Record<string, unknown>,
  options: DiffOptions = {},
): Change[] {
  return diffOpenApi(loaded(base, 'base.json'), loaded(head, 'head.json'), {
    now: new Date('2026-11-30T00:00:00Z'),
    ...options,
  });
}

/** `id severity` pairs, the compact form most assertions compare. */
export function ids(changes: Change[]): string[] {
  return changes.map(c => `${c.id} ${c.severity}`);
}

/** Drops the major-version finding, for tests of one rule family on same-version pairs. */
export function diffIgnoringVersion(
  base: Record<string, unknown>,
  head: Record<string, unknown>,
  options: DiffOptions = {},
): Change[] {
  return diff(base, head, options).filter(
    c => c.id !== 'breaking-change-without-major-bump',
  );
}
