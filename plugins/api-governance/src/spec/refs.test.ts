import { readPointer, resolve } from './refs';

const document = {
  components: {
    schemas: {
      Node: {
        type: 'object',
        properties: { next: { $ref: '#/components/schemas/Node' } },
      },
      A: { $ref: '#/components/schemas/B' },
      B: { $ref: '#/components/schemas/A' },
      'a/b~c': { type: 'string' },
    },
  },
};

describe('resolve', () => {
  it('follows a local reference to its target', () => {
    expect(
      resolve(document, { $ref: '#/components/schemas/Node' }),
    ).toMatchObject({ kind: 'value', ref: '#/components/schemas/Node' });
  });

  it('reports a reference that is already open above as a cycle', () => {
    expect(
      resolve(
        document,
        { $ref: '#/components/schemas/Node' },
        new Set(['#/components/schemas/Node']),
      ),
    ).toEqual({ kind: 'cycle', ref: '#/components/schemas/Node' });
  });

  it('reports a reference chain that loops as a cycle', () => {
    expect(resolve(document, { $ref: '#/components/schemas/A' }).kind).toBe(
      'cycle',
    );
  });

  it('does not fetch other documents', () => {
    expect(resolve(document, { $ref: 'common.yaml#/X' })).toEqual({
      kind: 'external',
      ref: 'common.yaml#/X',
    });
  });

  it('reports a reference to nothing', () => {
    expect(resolve(document, { $ref: '#/components/schemas/Nope' }).kind).toBe(
      'missing',
    );
  });

  it('decodes ~1 and ~0 in pointers and does not read inherited properties', () => {
    expect(readPointer(document, '#/components/schemas/a~1b~0c')).toEqual({
      type: 'string',
    });
    expect(readPointer(document, '#/constructor')).toBeUndefined();
  });
});
