import { InputError } from '@backstage/errors';

/**
 * Page tokens are opaque to clients: base64url JSON with the offset and a fingerprint of
 * what is being paged (the documents' hash, the family), so a token from an older version
 * of the data, or from another list, is refused instead of silently skipping items.
 */
type TokenContent = { o: number; f: string };

export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString(
    'base64url',
  );
}

export function decodePageToken(
  token: string | undefined,
  fingerprint: string,
): number {
  if (token === undefined) return 0;
  let content: TokenContent;
  try {
    content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('pageToken is not a token this API issued');
  }
  if (
    typeof content !== 'object' ||
    content === null ||
    !Number.isInteger(content.o) ||
    content.o < 0 ||
    typeof content.f !== 'string'
  ) {
    throw new InputError('pageToken is not a token this API issued');
  }
  if (content.f !== fingerprint) {
    throw new InputError(
      'pageToken belongs to another list or to an earlier version of it; start again without a pageToken',
    );
  }
  return content.o;
}

/** One page of `items` from the token's offset, and the token of the next page. */
export function pageOf<T>(
  items: T[],
  request: { pageSize: number; pageToken?: string },
  fingerprint: string,
): { items: T[]; totalItems: number; nextPageToken?: string } {
  const offset = decodePageToken(request.pageToken, fingerprint);
  const end = offset + request.pageSize;
  return {
    items: items.slice(offset, end),
    totalItems: items.length,
    ...(end < items.length && {
      nextPageToken: encodePageToken(end, fingerprint),
    }),
  };
}
