/**
 * The naming rules of Plinth's golden-path templates. Stricter than the catalog's own
 * (lowercase, hyphens only, a letter first): the name is also the repository, the npm
 * package, the Kafka consumer group and, with hyphens as underscores, a ClickHouse table.
 * The templates' JSON schema repeats the pattern, so the server refuses what the form would.
 */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const NAME_MIN_LENGTH = 3;
export const NAME_MAX_LENGTH = 63;

/** The first rule a name breaks, as a sentence for the person typing it; undefined when valid. */
export function nameProblem(name: string): string | undefined {
  if (name.length < NAME_MIN_LENGTH) {
    return `Use at least ${NAME_MIN_LENGTH} characters.`;
  }
  if (name.length > NAME_MAX_LENGTH) {
    return `Use at most ${NAME_MAX_LENGTH} characters (this one has ${name.length}).`;
  }
  if (/[A-Z]/.test(name)) {
    return `Use lowercase letters only: "${name.toLocaleLowerCase('en-US')}".`;
  }
  if (!/^[a-z]/.test(name)) {
    return 'Start with a letter.';
  }
  if (/[^a-z0-9-]/.test(name)) {
    const bad = [...new Set(name.replace(/[a-z0-9-]/g, ''))].join(' ');
    return `Use only lowercase letters, digits and hyphens (not ${bad}).`;
  }
  if (/--/.test(name) || name.endsWith('-')) {
    return 'Use single hyphens between words, not at the end.';
  }
  return NAME_PATTERN.test(name) ? undefined : 'This is not a valid name.';
}
