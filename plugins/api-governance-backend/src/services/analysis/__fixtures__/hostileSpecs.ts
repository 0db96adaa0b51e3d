/*
 * Documents built to make a checker expensive, generated instead of committed (megabytes).
 */

/** A valid OpenAPI 3.0 document with `operations` operations over `schemas` schemas. */
export function largeSpec(options: {
  version?: string;
  operations: number;
  propertiesPerSchema?: number;
}): string {
  const { operations, version = '1.0.0', propertiesPerSchema = 20 } = options;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < operations; i++) {
    const properties: Record<string, unknown> = {};
    for (let p = 0; p < propertiesPerSchema; p++) {
      properties[`field${p}`] = {
        type: 'string',
        description: `Field ${p} of resource ${i}`,
        maxLength: 100 + p,
      };
    }
    schemas[`Resource${i}`] = {
      type: 'object',
      required: ['field0'],
      properties,
    };
    paths[`/v1/resources${i}/{id}`] = {
      get: {
        operationId: `getResource${i}`,
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { $ref: `#/components/schemas/Resource${i}` },
              },
            },
          },
        },
      },
    };
  }
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Large', version },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
  });
}

/** One schema with an enum of `values` long strings: large once parsed and cloned. */
export function hugeEnumSpec(values: number): string {
  const enumValues = Array.from(
    { length: values },
    (_, i) => `value-${i}-${'x'.repeat(40)}`,
  );
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Huge enum', version: '1.0.0' },
    paths: {
      '/v1/things': {
        get: {
          operationId: 'listThings',
          parameters: [
            {
              name: 'kind',
              in: 'query',
              schema: { type: 'string', enum: enumValues },
            },
          ],
          responses: { '204': { description: 'none' } },
        },
      },
    },
  });
}

/** Nesting deeper than the loader accepts. */
export function deeplyNestedSpec(depth: number): string {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < depth; i++) {
    schema = { type: 'object', properties: { nested: schema } };
  }
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Deep', version: '1.0.0' },
    paths: {},
    components: { schemas: { Deep: schema } },
  });
}

/** `$ref`s that only point at each other. */
export const CYCLIC_REF_SPEC = `openapi: 3.0.3
info: { title: Cyclic, version: 1.0.0 }
paths: {}
components:
  schemas:
    A: { $ref: '#/components/schemas/B' }
    B: { $ref: '#/components/schemas/A' }
`;
