import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  FamilyList,
  FamilyTimeline,
  LineDiff,
  LintReport,
} from '../types';

/** One page of a paged answer: `pageToken` is the previous page's `nextPageToken`. */
export type PageRequest = {
  pageSize?: number;
  pageToken?: string;
};

/** What the frontend needs from the api-governance backend. */
export interface ApiGovernanceApi {
  listFamilies(request?: PageRequest): Promise<FamilyList>;
  /** Rejects with a 404 ResponseError for an unknown family. */
  getFamily(family: string): Promise<FamilyTimeline>;
  /**
   * The changes from `base` to `head` (entity refs of two lines of the family). Rejects
   * with 422 when a definition cannot be used (the message says why).
   */
  getDiff(
    family: string,
    base: CompoundEntityRef | string,
    head: CompoundEntityRef | string,
    request?: PageRequest,
  ): Promise<LineDiff>;
  /** Lint findings of one API entity's definition. */
  getLint(
    apiRef: CompoundEntityRef | string,
    request?: PageRequest,
  ): Promise<LintReport>;
}

/** The subset of Backstage's DiscoveryApi and FetchApi the client needs. */
export type ApiGovernanceClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
};
