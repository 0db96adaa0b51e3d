import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  responseErrorFrom,
  type FailedResponse,
} from '@plinth/problem-details';
import type {
  CoverageSummary,
  EntityEscalation,
  GroupOwnership,
  MatrixFilters,
  MatrixPage,
} from '../matrix';
import { DefaultApiClient } from '../schema/openapi';
import type {
  CoveragePageRequest,
  MatrixCsvExport,
  MatrixPageRequest,
  OwnershipApi,
  OwnershipClientOptions,
} from './types';

/** The generated client's query for the matrix filters: blank search text is no search. */
function matrixFiltersQuery(filters: MatrixFilters = {}) {
  const q = filters.q?.trim();
  return { ...filters, q: q || undefined };
}

/** Reads `filename="..."` from a Content-Disposition header. */
function filenameFromDisposition(header: string | null): string | undefined {
  const match = header?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function refPath(ref: CompoundEntityRef | string, defaultKind?: string) {
  const { kind, namespace, name } = parseEntityRef(ref, { defaultKind });
  return { kind, namespace, name };
}

/** The response if it is 2xx; otherwise the server's problem+json error as ResponseError. */
async function ok<T extends { ok: boolean }>(response: T): Promise<T> {
  if (!response.ok) {
    throw await responseErrorFrom(response as unknown as FailedResponse);
  }
  return response;
}

/**
 * Talks to the ownership backend; works in the browser and in Node. Requests go through
 * the client generated from the backend's OpenAPI spec (src/schema/openapi/generated);
 * this wrapper adds what the spec does not say: errors as ResponseError (read from
 * problem+json), the CSV as text
 * with its filename, entity refs instead of path parts.
 */
export class OwnershipClient implements OwnershipApi {
  private readonly api: DefaultApiClient;

  constructor(options: OwnershipClientOptions) {
    this.api = new DefaultApiClient(options);
  }

  async getMatrix(request: MatrixPageRequest = {}): Promise<MatrixPage> {
    const response = await ok(
      await this.api.getMatrix({
        query: {
          ...matrixFiltersQuery(request.filters),
          offset: request.offset,
          limit: request.limit,
        },
      }),
    );
    return (await response.json()) as MatrixPage;
  }

  async exportMatrixCsv(filters?: MatrixFilters): Promise<MatrixCsvExport> {
    const response = await ok(
      await this.api.getMatrixCsv({ query: matrixFiltersQuery(filters) }),
    );
    const content = await response.text();
    const filename =
      filenameFromDisposition(response.headers.get('content-disposition')) ??
      `ownership-matrix-${new Date().toISOString().slice(0, 10)}.csv`;
    return { filename, content };
  }

  async getCoverage(
    request: CoveragePageRequest = {},
  ): Promise<CoverageSummary> {
    const response = await ok(
      await this.api.getCoverage({
        query: { pageSize: request.pageSize, pageToken: request.pageToken },
      }),
    );
    return (await response.json()) as CoverageSummary;
  }

  async getEntityEscalation(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityEscalation> {
    const { kind, namespace, name } = refPath(entityRef);
    const response = await ok(
      await this.api.getEntityEscalation({
        // Catalog URLs spell kinds in lower case; the backend matches case-insensitively.
        path: { kind: kind.toLocaleLowerCase('en-US'), namespace, name },
      }),
    );
    return (await response.json()) as EntityEscalation;
  }

  async getGroupOwnership(
    groupRef: CompoundEntityRef | string,
  ): Promise<GroupOwnership> {
    const { namespace, name } = refPath(groupRef, 'group');
    const response = await ok(
      await this.api.getGroupOwnership({ path: { namespace, name } }),
    );
    return (await response.json()) as GroupOwnership;
  }
}

/** True when the backend answered 404: it does not know the entity or group (yet). */
export function isNotFoundResponse(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 404;
}
