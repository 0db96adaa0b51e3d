/** RFC 6901 JSON pointers: `~1` is `/`, `~0` is `~` (decoded in that order). */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`JSON pointer "${pointer}" must start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodePointer(tokens: ReadonlyArray<string | number>): string {
  return tokens
    .map(token => `/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** Appends tokens to an encoded pointer. */
export function joinPointer(
  pointer: string,
  ...tokens: Array<string | number>
): string {
  return pointer + encodePointer(tokens);
}
