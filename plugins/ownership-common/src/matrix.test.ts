import fs from 'node:fs';
import path from 'node:path';
import { COVERAGE_FINDING_SEVERITY, COVERAGE_FINDING_TYPES } from './matrix';

/** `### <type> (<severity>)` headings of the coverage findings in docs/ownership.md. */
function documentedFindings(): Array<[string, string]> {
  const docs = fs.readFileSync(
    path.resolve(__dirname, '../../../docs/ownership.md'),
    'utf8',
  );
  const section = docs.slice(docs.indexOf('\n## Coverage findings\n'));
  const end = section.indexOf('\n## ', 1);
  return [
    ...(end > 0 ? section.slice(0, end) : section).matchAll(
      /^### (\S+) \((error|warning)\)$/gm,
    ),
  ].map(([, type, severity]) => [type, severity]);
}

describe('COVERAGE_FINDING_SEVERITY', () => {
  it('matches the severity docs/ownership.md gives each finding type, in the same order', () => {
    expect(documentedFindings()).toEqual(
      COVERAGE_FINDING_TYPES.map(type => [
        type,
        COVERAGE_FINDING_SEVERITY[type],
      ]),
    );
  });
});
