import { parseMatrixQuery, parseRefFilter } from './parseMatrixQuery';

// Types, enums, bounds and unknown names are the OpenAPI validator's job (see plugin.test.ts,
// which sends bad queries through HTTP); these are the parts the spec cannot express.

describe('parseRefFilter', () => {
  it('completes short refs with the default kind and namespace', () => {
    expect(parseRefFilter(['team-a'], 'owner', 'Group')).toEqual([
      'group:default/team-a',
    ]);
  });

  it('keeps an explicit kind and trims white space', () => {
    expect(parseRefFilter([' user:ops/alice '], 'owner', 'Group')).toEqual([
      'user:ops/alice',
    ]);
  });

  it('rejects a malformed ref, naming the parameter and the value', () => {
    expect(() => parseRefFilter(['system:'], 'system', 'System')).toThrow(
      "Invalid query parameter 'system': 'system:' is not an entity ref",
    );
  });
});

describe('parseMatrixQuery', () => {
  it('parses filters and paging, leaving absent filters out', () => {
    expect(
      parseMatrixQuery({
        owner: ['team-a'],
        tier: ['tier-2'],
        finding: ['no-policy'],
        q: '  checkout ',
        offset: 100,
      }),
    ).toEqual({
      filters: {
        owner: ['group:default/team-a'],
        tier: ['tier-2'],
        finding: ['no-policy'],
        q: 'checkout',
      },
      paging: { offset: 100, limit: 50 },
    });
  });

  it('treats blank search text as no search', () => {
    expect(parseMatrixQuery({ q: '   ' }).filters).toEqual({});
  });
});
