import { findRunbook, navEntries } from './techdocsFactRetriever';

const none = async () => undefined;

describe('findRunbook', () => {
  it('finds a nav entry whose title or file mentions runbook, nested or not', async () => {
    expect(
      await findRunbook(
        'nav:\n  - Home: index.md\n  - Operations:\n      - On-call: ops/runbook.md\n',
        none,
      ),
    ).toBe('ops/runbook.md');
    expect(await findRunbook('nav:\n  - Runbooks: ops.md\n', none)).toBe(
      'Runbooks',
    );
  });

  it('is undefined when the nav has no runbook page', async () => {
    expect(
      await findRunbook('nav:\n  - Home: index.md\n', none),
    ).toBeUndefined();
  });

  it('without a nav, looks for runbook.md in docs_dir (mkdocs lists every page then)', async () => {
    const read = async (path: string) =>
      path === 'guide/runbook.md' ? '# Runbook' : undefined;
    expect(await findRunbook('site_name: x\ndocs_dir: guide\n', read)).toBe(
      'guide/runbook.md',
    );
    expect(await findRunbook('site_name: x\n', read)).toBeUndefined();
  });

  it('ignores Python tags in mkdocs.yml', async () => {
    expect(
      await findRunbook(
        'nav:\n  - Runbook: runbook.md\nx: !!python/name:pymdownx.superfences.fence_code_format\n',
        none,
      ),
    ).toBe('Runbook');
  });
});

describe('navEntries', () => {
  it('flattens titles and files', () => {
    expect(navEntries(['index.md', { A: [{ B: 'b.md' }] }])).toEqual([
      'index.md',
      'A',
      'B',
      'b.md',
    ]);
  });
});
