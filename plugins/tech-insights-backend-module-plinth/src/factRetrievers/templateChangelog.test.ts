import {
  changesSince,
  compareVersions,
  parseChangelog,
} from './templateChangelog';

const CHANGELOG = `# Changelog

Intro text, not a release.

## 2.0.0

- Breaking: new CI.

## [1.1.0] - 2026-11-01

- Docs: on-call page.

## 1.0.0

- First version.
`;

describe('template changelog', () => {
  it('reads each "## <version>" section, with or without brackets and a date', () => {
    expect(parseChangelog(CHANGELOG)).toEqual([
      { version: '2.0.0', changes: '- Breaking: new CI.' },
      { version: '1.1.0', changes: '- Docs: on-call page.' },
      { version: '1.0.0', changes: '- First version.' },
    ]);
  });

  it('lists the releases after the entity version up to the current one, newest first', () => {
    const releases = parseChangelog(CHANGELOG);
    expect(
      changesSince(releases, '1.0.0', '2.0.0').map(r => r.version),
    ).toEqual(['2.0.0', '1.1.0']);
    expect(
      changesSince(releases, '1.0.0', '1.1.0').map(r => r.version),
    ).toEqual(['1.1.0']);
  });

  it('compares x.y.z numerically and refuses what is not a version', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('latest', '1.2.3')).toBeUndefined();
  });
});
