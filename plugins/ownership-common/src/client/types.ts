import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CoverageSummary,
  EntityEscalation,
  GroupOwnership,
  MatrixFilters,
  MatrixPage,
} from '../matrix';

/** The largest page the backend serves from GET /matrix. */
export const MATRIX_PAGE_LIMIT_MAX = 500;

export type MatrixPageRequest = {
  filters?: MatrixFilters;
  offset?: number;
  /** Rows per page, at most {@link MATRIX_PAGE_LIMIT_MAX}. */
  limit?: number;
};

/** A page of coverage findings: `pageToken` is the previous page's `nextPageToken`. */
export type CoveragePageRequest = {
  /** Findings per page, 1 to 1000 (default 100). */
  pageSize?: number;
  pageToken?: string;
};

/** The matrix as a CSV file, ready to be saved by the browser. */
export type MatrixCsvExport = {
  /** From the response's Content-Disposition, or a dated default. */
  filename: string;
  content: string;
};

/** Client for the ownership backend (see plugins/ownership-backend). */
export interface OwnershipApi {
  getMatrix(request?: MatrixPageRequest): Promise<MatrixPage>;
  exportMatrixCsv(filters?: MatrixFilters): Promise<MatrixCsvExport>;
  /** One page of findings (100 by default) and the counts per team over all of them. */
  getCoverage(request?: CoveragePageRequest): Promise<CoverageSummary>;
  /** Rejects with a 404 ResponseError when the backend does not know the entity. */
  getEntityEscalation(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityEscalation>;
  /** Rejects with a 404 ResponseError when the backend does not know the group. */
  getGroupOwnership(
    groupRef: CompoundEntityRef | string,
  ): Promise<GroupOwnership>;
}

/** The subset of Backstage's DiscoveryApi and FetchApi the client needs. */
export type OwnershipClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
};
