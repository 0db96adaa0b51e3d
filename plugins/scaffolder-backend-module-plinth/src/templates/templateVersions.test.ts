import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEMPLATES_DIR } from './__testUtils__/exampleCatalog';

/*
 * A template's version lives in three places that must agree: the template's
 * plinth.dev/template-version annotation (what the scorecard calls "current"), the value
 * the fetch step writes into each new catalog-info.yaml, and the newest CHANGELOG.md
 * heading (what the scorecard shows as "what changed since").
 */

const SEMVER = /^\d+\.\d+\.\d+$/;

function compareSemver(a: string, b: string): number {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

describe.each(['golden-path-service', 'event-consumer'])('%s', name => {
  it('has one version in its annotation, its fetch step and its newest CHANGELOG entry', async () => {
    const template = parse(
      await readFile(join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
    );
    const version =
      template.metadata.annotations['plinth.dev/template-version'];
    expect(version).toMatch(SEMVER);
    const fetch = template.spec.steps.find(
      (s: { action: string }) => s.action === 'fetch:template',
    );
    expect(fetch.input.values.templateVersion).toBe(version);
    expect(fetch.input.values.template).toBe(`template:default/${name}`);

    const changelog = await readFile(
      join(TEMPLATES_DIR, name, 'CHANGELOG.md'),
      'utf8',
    );
    const headings = [...changelog.matchAll(/^## (.+)$/gm)].map(m => m[1]);
    expect(headings[0]).toBe(version);
    expect(headings.every(h => SEMVER.test(h))).toBe(true);
    // Newest first, no duplicates: the scorecard lists the entries above a version.
    const sorted = [...headings].sort(compareSemver).reverse();
    expect(headings).toEqual(sorted);
    expect(new Set(headings).size).toBe(headings.length);
  });
});

it('keeps an older golden-path version in the changelog, so a service can be behind', async () => {
  const changelog = await readFile(
    join(TEMPLATES_DIR, 'golden-path-service', 'CHANGELOG.md'),
    'utf8',
  );
  expect(changelog).toMatch(/^## 1\.0\.0$/m);
});
