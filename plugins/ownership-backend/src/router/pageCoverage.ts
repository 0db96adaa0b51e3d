import { InputError } from '@backstage/errors';
import type { CoverageSummary } from '@plinth/plugin-ownership-common';
import type { GetCoverage } from '../schema/openapi';

export const DEFAULT_COVERAGE_PAGE_SIZE = 100;

/** What a page of coverage is cut from: one snapshot's findings and counts. */
export type CoverageSource = Pick<
  CoverageSummary,
  'generatedAt' | 'findings' | 'byGroup'
>;

/**
 * Opaque to clients (AIP-158). It names the snapshot it was cut from, so a page of a newer
 * snapshot is never stitched to an older one: findings move when the catalog changes.
 */
type PageToken = { snapshot: string; offset: number };

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodePageToken(raw: string): PageToken {
  let token: unknown;
  try {
    token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    token = undefined;
  }
  const { snapshot, offset } = (token ?? {}) as Partial<PageToken>;
  if (
    typeof snapshot !== 'string' ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 1
  ) {
    throw new InputError(
      "Invalid query parameter 'pageToken': not a page token of this API; pass the nextPageToken of the previous page",
    );
  }
  return { snapshot, offset };
}

/** One page of findings (the validator has checked pageSize's bounds and pageToken's form). */
export function pageCoverage(
  source: CoverageSource,
  query: GetCoverage['query'],
): CoverageSummary {
  const pageSize = query.pageSize ?? DEFAULT_COVERAGE_PAGE_SIZE;
  let offset = 0;
  if (query.pageToken) {
    const token = decodePageToken(query.pageToken);
    if (token.snapshot !== source.generatedAt) {
      throw new InputError(
        `Invalid query parameter 'pageToken': it belongs to the snapshot of ${token.snapshot}, and the findings were recomputed at ${source.generatedAt}; start again without pageToken`,
      );
    }
    offset = token.offset;
  }
  const end = offset + pageSize;
  return {
    generatedAt: source.generatedAt,
    findings: source.findings.slice(offset, end),
    totalFindings: source.findings.length,
    ...(end < source.findings.length && {
      nextPageToken: encodePageToken({
        snapshot: source.generatedAt,
        offset: end,
      }),
    }),
    byGroup: source.byGroup,
  };
}
