import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ApiGovernanceApi } from '@plinth/plugin-api-governance-common';

export const apiGovernanceApiRef = createApiRef<ApiGovernanceApi>().with({
  id: 'plugin.api-governance.api',
  pluginId: 'api-governance',
});

/**
 * Every page of a paged answer, in order. Bounded: a family with more than `maxPages`
 * pages is shown truncated (`truncated: true`) rather than loading without end.
 */
export async function allPages<T>(
  fetchPage: (pageToken?: string) => Promise<{
    items: T[];
    nextPageToken?: string;
  }>,
  maxPages = 20,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await fetchPage(token);
    items.push(...answer.items);
    token = answer.nextPageToken;
    if (!token) return { items, truncated: false };
  }
  return { items, truncated: true };
}
