import { decodePointer, encodePointer } from './jsonPointer';
import { RefResolver } from './RefResolver';

describe('JSON pointers', () => {
  it('decodes ~1 to / and ~0 to ~, in that order', () => {
    expect(decodePointer('/paths/~1users~1{id}/a~0b/~01')).toEqual([
      'paths',
      '/users/{id}',
      'a~b',
      '~1',
    ]);
  });

  it('encodes what it decodes', () => {
    const tokens = ['paths', '/users/{id}', 'a~b', 0];
    expect(decodePointer(encodePointer(tokens))).toEqual(tokens.map(String));
  });
});

describe('RefResolver', () => {
  const root = {
    paths: { '/a/b': { get: { x: 1 } } },
    components: {
      schemas: {
        'with~tilde': { type: 'string' },
        'with space': { type: 'integer' },
        Alias: { $ref: '#/components/schemas/with~0tilde' },
      },
    },
  };
  const resolver = new RefResolver(root, 'doc.yaml');

  it('follows an escaped pointer and returns where the node lives', () => {
    expect(resolver.resolve({ $ref: '#/paths/~1a~1b/get' }, '/x')).toEqual({
      node: { x: 1 },
      pointer: '/paths/~1a~1b/get',
    });
  });

  it('follows chains of $refs', () => {
    const located = resolver.resolve(
      { $ref: '#/components/schemas/Alias' },
      '/x',
    );
    expect(located.node).toEqual({ type: 'string' });
    expect(located.pointer).toBe('/components/schemas/with~0tilde');
  });

  it('decodes percent-encoded fragments', () => {
    expect(
      resolver.resolve({ $ref: '#/components/schemas/with%20space' }, '/x')
        .node,
    ).toEqual({
      type: 'integer',
    });
  });

  it('returns a non-ref node unchanged', () => {
    expect(resolver.resolve({ type: 'string' }, '/p')).toEqual({
      node: { type: 'string' },
      pointer: '/p',
    });
  });

  it('does not walk into inherited properties', () => {
    expect(() =>
      resolver.resolve({ $ref: '#/components/constructor' }, '/x'),
    ).toThrow(/does not resolve/);
  });
});
