/** `application/json`, `application/vnd.github.v3+json`, `application/problem+json; charset=utf-8`. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json(\s*;.*)?$/i;

/**
 * The head's media type that took the place of a removed base one: when exactly one JSON
 * media type went and exactly one came (GitHub's `vnd.github.luke-cage-preview+json` ->
 * `json`), the schemas under them describe the same payload and are compared; the removal
 * itself is still reported. Undefined otherwise (two renames cannot be told apart).
 */
export function renamedMediaType(
  removed: string,
  baseContent: Record<string, unknown>,
  headContent: Record<string, unknown>,
): string | undefined {
  const gone = Object.keys(baseContent).filter(t => !(t in headContent));
  const added = Object.keys(headContent).filter(t => !(t in baseContent));
  if (gone.length !== 1 || added.length !== 1 || gone[0] !== removed) {
    return undefined;
  }
  return JSON_MEDIA_TYPE.test(removed) && JSON_MEDIA_TYPE.test(added[0])
    ? added[0]
    : undefined;
}
