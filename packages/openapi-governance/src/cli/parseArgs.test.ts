import { parseArgs, UsageError } from './parseArgs';

describe('parseArgs', () => {
  it('parses diff with defaults', () => {
    expect(parseArgs(['diff', 'a.yaml', 'b.yaml'])).toEqual({
      command: 'diff',
      base: 'a.yaml',
      head: 'b.yaml',
      format: 'text',
      failOn: 'breaking',
      now: undefined,
      sunsetAt: undefined,
    });
  });

  it('accepts --option=value and --option value', () => {
    expect(
      parseArgs(['lint', 'a.yaml', '--format=json', '--fail-on', 'warning']),
    ).toEqual({
      command: 'lint',
      spec: 'a.yaml',
      format: 'json',
      failOn: 'warning',
    });
  });

  it.each([
    [['deploy'], 'unknown command "deploy"'],
    [['diff', 'a.yaml'], 'diff takes two documents'],
    [['diff', '-', '-'], 'only one of <base> and <head>'],
    [
      ['lint', 'a.yaml', '--fail-on', 'breaking'],
      '--fail-on must be one of error, warning',
    ],
    [
      ['lint', 'a.yaml', '--now', '2026-01-01'],
      'unknown option --now for "lint"',
    ],
    [['diff', 'a', 'b', '--now', 'tomorrow'], '--now "tomorrow" is not a date'],
    [['diff', 'a', 'b', '--format'], 'option --format needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
