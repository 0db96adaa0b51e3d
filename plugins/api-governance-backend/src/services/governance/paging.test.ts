import { decodePageToken, encodePageToken, pageOf } from './paging';

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('walks a list page by page with the tokens it hands out', () => {
    const first = pageOf(items, { pageSize: 2 }, 'fp');
    expect(first).toMatchObject({ items: ['a', 'b'], totalItems: 5 });
    const second = pageOf(
      items,
      { pageSize: 2, pageToken: first.nextPageToken },
      'fp',
    );
    expect(second.items).toEqual(['c', 'd']);
    const last = pageOf(
      items,
      { pageSize: 2, pageToken: second.nextPageToken },
      'fp',
    );
    expect(last).toEqual({ items: ['e'], totalItems: 5 });
  });

  it('refuses a token of another list or of an earlier version of it', () => {
    expect(() => decodePageToken(encodePageToken(2, 'old'), 'new')).toThrow(
      /another list or to an earlier version of it/,
    );
  });

  it.each([
    '%%%',
    Buffer.from('[1]').toString('base64url'),
    encodePageToken(-1, 'fp'),
  ])('refuses a token it did not issue (%s)', token => {
    expect(() => decodePageToken(token, 'fp')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
