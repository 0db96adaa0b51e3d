import { apiWithDefinition } from '../testing/catalogFixtures';
import { parseApiDefinition } from './parseApiDefinition';

const problemOf = (definition: string, limits = {}) => {
  const parsed = parseApiDefinition(apiWithDefinition(definition), limits);
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
};

describe('parseApiDefinition', () => {
  it('reads an OpenAPI 3.1 document in JSON', () => {
    const parsed = parseApiDefinition(
      apiWithDefinition(
        JSON.stringify({
          openapi: '3.1.0',
          info: { version: '2.0.0' },
          paths: {},
        }),
      ),
    );
    expect(parsed.ok && parsed.document.info?.version).toBe('2.0.0');
  });

  it('refuses a document over the size limit before parsing it', () => {
    expect(
      problemOf(`openapi: 3.0.3\npaths: {}\n# ${'x'.repeat(200)}`, {
        maxChars: 100,
      }),
    ).toEqual({
      title: 'Definition too large to show',
      message: expect.stringContaining(
        'the overview shows documents up to 100',
      ),
    });
  });

  it('refuses hostile nesting with the pointer where it got too deep', () => {
    let nested: unknown = {};
    for (let i = 0; i < 80; i++) nested = { a: nested };
    const problem = problemOf(
      JSON.stringify({ openapi: '3.0.3', paths: {}, 'x-deep': nested }),
    );
    expect(problem.title).toBe('Definition nests too deeply');
    expect(problem.message).toMatch(
      /deeper than 64 levels \(at \/x-deep\/a\/a/,
    );
  });

  it('refuses YAML alias bombs instead of expanding them', () => {
    const lines = [
      'openapi: 3.0.3',
      'paths: {}',
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
    ];
    for (let i = 1; i < 12; i++) {
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    }
    expect(problemOf(lines.join('\n')).title).toBe(
      'Definition is not valid YAML or JSON',
    );
  });

  it('refuses a duplicated path key, which would hide an operation', () => {
    expect(
      problemOf('openapi: 3.0.3\npaths:\n  /a: {}\n  /a: {}\n').message,
    ).toMatch(/Invalid YAML at line 4/);
  });

  it('names the declared version when it is not 3.0 or 3.1', () => {
    expect(problemOf('openapi: 4.0.0\npaths: {}\n').message).toBe(
      'The document declares openapi: "4.0.0"; the overview reads 3.0.x and 3.1.x.',
    );
  });

  it('says the definition is empty', () => {
    expect(problemOf('  ').title).toBe('No definition');
  });
});
