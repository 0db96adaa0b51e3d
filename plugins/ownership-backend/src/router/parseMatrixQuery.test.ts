import {
  parseEnumFilter,
  parseLimit,
  parseMatrixQuery,
  parseOffset,
  parseRefFilter,
  parseSearchText,
  parseStringList,
} from './parseMatrixQuery';

describe('parseStringList', () => {
  it('accepts a single and a repeated parameter', () => {
    expect(parseStringList({ lifecycle: 'production' }, 'lifecycle')).toEqual([
      'production',
    ]);
    expect(
      parseStringList({ lifecycle: ['production', 'beta'] }, 'lifecycle'),
    ).toEqual(['production', 'beta']);
  });

  it('rejects a nested object', () => {
    expect(() =>
      parseStringList({ lifecycle: { a: 'b' } }, 'lifecycle'),
    ).toThrow(
      "Invalid query parameter 'lifecycle': expected a string, possibly repeated",
    );
  });

  it('rejects an empty value', () => {
    expect(() => parseStringList({ lifecycle: ' ' }, 'lifecycle')).toThrow(
      "Invalid query parameter 'lifecycle': empty value",
    );
  });
});

describe('parseRefFilter', () => {
  it('completes short refs with the default kind and namespace', () => {
    expect(parseRefFilter({ owner: 'team-a' }, 'owner', 'Group')).toEqual([
      'group:default/team-a',
    ]);
  });

  it('keeps an explicit kind', () => {
    expect(
      parseRefFilter({ owner: 'user:ops/alice' }, 'owner', 'Group'),
    ).toEqual(['user:ops/alice']);
  });

  it('rejects a malformed ref', () => {
    expect(() =>
      parseRefFilter({ system: 'system:' }, 'system', 'System'),
    ).toThrow(
      "Invalid query parameter 'system': 'system:' is not an entity ref",
    );
  });
});

describe('parseEnumFilter', () => {
  it('returns the canonical spelling', () => {
    expect(
      parseEnumFilter({ kind: 'api' }, 'kind', ['Component', 'API']),
    ).toEqual(['API']);
  });

  it('lists the allowed values when one is unknown', () => {
    expect(() =>
      parseEnumFilter({ kind: 'Group' }, 'kind', ['Component', 'API']),
    ).toThrow(
      "Invalid query parameter 'kind': 'Group' is not one of Component, API",
    );
  });
});

describe('parseLimit', () => {
  it('defaults to 50', () => {
    expect(parseLimit({})).toBe(50);
  });

  it('accepts 500', () => {
    expect(parseLimit({ limit: '500' })).toBe(500);
  });

  it.each(['501', '0', '1.5', 'ten', ''])('rejects %j', value => {
    expect(() => parseLimit({ limit: value })).toThrow(
      `Invalid query parameter 'limit': expected an integer from 1 to 500, got "${value}"`,
    );
  });

  it('rejects a repeated limit', () => {
    expect(() => parseLimit({ limit: ['1', '2'] })).toThrow(
      "Invalid query parameter 'limit'",
    );
  });
});

describe('parseOffset', () => {
  it('defaults to 0', () => {
    expect(parseOffset({})).toBe(0);
  });

  it('rejects a negative offset', () => {
    expect(() => parseOffset({ offset: '-1' })).toThrow(
      "Invalid query parameter 'offset'",
    );
  });
});

describe('parseSearchText', () => {
  it('treats blank text as no search', () => {
    expect(parseSearchText({ q: '  ' })).toBeUndefined();
  });

  it('rejects text longer than 200 characters', () => {
    expect(() => parseSearchText({ q: 'x'.repeat(201) })).toThrow(
      "Invalid query parameter 'q'",
    );
  });
});

describe('parseMatrixQuery', () => {
  it('parses filters and paging, leaving absent filters out', () => {
    expect(
      parseMatrixQuery({
        owner: 'team-a',
        tier: ['tier-1', 'TIER-2'],
        finding: 'no-policy',
        q: 'checkout',
        limit: '10',
      }),
    ).toEqual({
      filters: {
        owner: ['group:default/team-a'],
        tier: ['tier-1', 'tier-2'],
        finding: ['no-policy'],
        q: 'checkout',
      },
      paging: { offset: 0, limit: 10 },
    });
  });

  it('rejects an unknown parameter', () => {
    expect(() => parseMatrixQuery({ sort: 'name' })).toThrow(
      "Unknown query parameter 'sort'",
    );
  });
});
