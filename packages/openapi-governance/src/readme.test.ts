import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHANGE_RULES } from './diff/rules';
import { plinthRuleset } from './lint/plinthRuleset';

describe('README', () => {
  // Prettier pads table cells; compare with runs of spaces collapsed.
  const readme = readFileSync(
    path.resolve(__dirname, '../README.md'),
    'utf8',
  ).replace(/ {2,}/g, ' ');

  it('lists every diff rule with its severity', () => {
    for (const [id, rule] of Object.entries(CHANGE_RULES)) {
      expect(readme).toContain(`| \`${id}\` | ${rule.severity} |`);
    }
  });

  it('lists every lint rule', () => {
    for (const id of Object.keys(plinthRuleset.rules)) {
      expect(readme).toContain(`| \`${id}\` |`);
    }
  });
});
