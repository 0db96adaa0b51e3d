import { SECTION_END, SECTION_START, updateResultsFile } from './report';

describe('updateResultsFile', () => {
  it('creates the file with the section', () => {
    const out = updateResultsFile('', 'figures');
    expect(out).toMatch(/^# Benchmarks/);
    expect(out).toContain(`${SECTION_START}\n\nfigures\n\n${SECTION_END}`);
  });

  it('replaces only the section and keeps the text around it', () => {
    const first = updateResultsFile('', 'old figures');
    const withNotes = `${first}\n### Analysis\nhand-written\n`;
    const out = updateResultsFile(withNotes, 'new figures');
    expect(out).toContain('new figures');
    expect(out).not.toContain('old figures');
    expect(out).toContain('hand-written');
  });

  it('adds the section to a file written by another benchmark', () => {
    const out = updateResultsFile(
      '# Benchmarks\n\n## Catalog\nnumbers\n',
      'figures',
    );
    expect(out.match(/# Benchmarks/g)).toHaveLength(1);
    expect(out).toContain('## Catalog\nnumbers');
    expect(out).toContain('figures');
  });
});
