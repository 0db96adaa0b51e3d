import { NAME_PATTERN, nameProblem } from './nameRules';

describe('nameProblem', () => {
  it.each(['abc', 'invoice-search', 'a1-b2-c3', 'x'.repeat(63)])(
    'accepts %s',
    name => {
      expect(nameProblem(name)).toBeUndefined();
      expect(NAME_PATTERN.test(name)).toBe(true);
    },
  );

  it.each([
    ['ab', 'Use at least 3 characters.'],
    ['x'.repeat(64), 'Use at most 63 characters (this one has 64).'],
    ['Invoice-Search', 'Use lowercase letters only: "invoice-search".'],
    ['1invoice', 'Start with a letter.'],
    ['-invoice', 'Start with a letter.'],
    [
      'invoice_search.v2',
      'Use only lowercase letters, digits and hyphens (not _ .).',
    ],
    ['invoice--search', 'Use single hyphens between words, not at the end.'],
    ['invoice-', 'Use single hyphens between words, not at the end.'],
  ])('refuses %s: %s', (name, message) => {
    expect(nameProblem(name)).toBe(message);
    // Lengths are the schema's minLength/maxLength; the pattern covers the rest.
    expect(NAME_PATTERN.test(name)).toBe(name.length < 3 || name.length > 63);
  });

  it('matches the pattern the templates enforce on the server', async () => {
    const { readFile } = jest.requireActual('node:fs/promises');
    const { resolve } = jest.requireActual('node:path');
    for (const template of ['golden-path-service', 'event-consumer']) {
      const text: string = await readFile(
        resolve(
          __dirname,
          '../../../../../examples/templates',
          template,
          'template.yaml',
        ),
        'utf8',
      );
      expect(text).toContain(`pattern: '${NAME_PATTERN.source}'`);
      expect(text).toContain('ui:field: PlinthEntityName');
    }
  });
});
