import type { CoverageFinding } from '@plinth/plugin-ownership-common';
import { encodePageToken, pageCoverage } from './pageCoverage';

const finding = (i: number): CoverageFinding => ({
  type: 'no-owner',
  severity: 'error',
  entityRef: `component:default/c${i}`,
  message: `component:default/c${i} has no owner`,
});

const source = {
  generatedAt: '2026-11-30T10:00:00.000Z',
  findings: Array.from({ length: 250 }, (_, i) => finding(i)),
  byGroup: [{ groupRef: 'group:default/a', counts: { 'no-owner': 250 } }],
};

describe('pageCoverage', () => {
  it('answers the first 100 findings, the total and the counts over all findings', () => {
    const page = pageCoverage(source, {});
    expect(page.findings).toEqual(source.findings.slice(0, 100));
    expect(page.totalFindings).toBe(250);
    expect(page.byGroup).toBe(source.byGroup);
    expect(page.nextPageToken).toEqual(expect.stringMatching(/^[\w-]+$/));
  });

  it('walks every finding exactly once through nextPageToken', () => {
    const seen: CoverageFinding[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = pageCoverage(source, { pageSize: 120, pageToken });
      seen.push(...page.findings);
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(source.findings);
  });

  it('has no nextPageToken on the last page', () => {
    expect(pageCoverage(source, { pageSize: 250 }).nextPageToken).toBe(
      undefined,
    );
  });

  it('refuses a token of an older snapshot, saying to start again', () => {
    const old = encodePageToken({
      snapshot: '2026-11-30T09:59:30.000Z',
      offset: 100,
    });
    expect(() => pageCoverage(source, { pageToken: old })).toThrow(
      "Invalid query parameter 'pageToken': it belongs to the snapshot of 2026-11-30T09:59:30.000Z, and the findings were recomputed at 2026-11-30T10:00:00.000Z; start again without pageToken",
    );
  });

  it.each(['abc', encodePageToken({ snapshot: 'x', offset: -5 } as never)])(
    'refuses %s, which is not a page token',
    pageToken => {
      expect(() => pageCoverage(source, { pageToken })).toThrow(
        "Invalid query parameter 'pageToken': not a page token of this API",
      );
    },
  );
});
