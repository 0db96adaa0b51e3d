import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CoverageSummary,
  EntityEscalation,
  GroupOwnership,
  MatrixFilters,
  MatrixPage,
} from '../matrix';
import type {
  MatrixCsvExport,
  MatrixPageRequest,
  OwnershipApi,
  OwnershipClientOptions,
} from './types';

const REPEATABLE_FILTERS = [
  'domain',
  'system',
  'owner',
  'tier',
  'lifecycle',
  'kind',
  'finding',
] as const;

/** Encodes filters the way the backend parses them: each value repeated under its key. */
export function matrixFiltersToQuery(
  filters: MatrixFilters = {},
): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of REPEATABLE_FILTERS) {
    for (const value of filters[key] ?? []) {
      query.append(key, value);
    }
  }
  const q = filters.q?.trim();
  if (q) {
    query.set('q', q);
  }
  return query;
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

/** Talks to the ownership backend; works in the browser and in Node. */
export class OwnershipClient implements OwnershipApi {
  private readonly discoveryApi: OwnershipClientOptions['discoveryApi'];
  private readonly fetchApi: OwnershipClientOptions['fetchApi'];

  constructor(options: OwnershipClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getMatrix(request: MatrixPageRequest = {}): Promise<MatrixPage> {
    const query = matrixFiltersToQuery(request.filters);
    if (request.offset !== undefined) {
      query.set('offset', String(request.offset));
    }
    if (request.limit !== undefined) {
      query.set('limit', String(request.limit));
    }
    return this.getJson<MatrixPage>('/matrix', query);
  }

  async exportMatrixCsv(filters?: MatrixFilters): Promise<MatrixCsvExport> {
    const response = await this.get(
      '/matrix.csv',
      matrixFiltersToQuery(filters),
    );
    const content = await response.text();
    const filename =
      filenameFromDisposition(response.headers.get('content-disposition')) ??
      `ownership-matrix-${new Date().toISOString().slice(0, 10)}.csv`;
    return { filename, content };
  }

  async getCoverage(): Promise<CoverageSummary> {
    return this.getJson<CoverageSummary>('/coverage');
  }

  async getEntityEscalation(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityEscalation> {
    const { kind, namespace, name } = refPath(entityRef);
    // Catalog URLs spell kinds in lower case; the backend matches case-insensitively anyway.
    const kindPath = kind.toLocaleLowerCase('en-US');
    return this.getJson<EntityEscalation>(
      `/entities/${encodeURIComponent(kindPath)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`,
    );
  }

  async getGroupOwnership(
    groupRef: CompoundEntityRef | string,
  ): Promise<GroupOwnership> {
    const { namespace, name } = refPath(groupRef, 'group');
    return this.getJson<GroupOwnership>(
      `/groups/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  private async getJson<T>(path: string, query?: URLSearchParams): Promise<T> {
    const response = await this.get(path, query);
    return (await response.json()) as T;
  }

  private async get(path: string, query?: URLSearchParams): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ownership');
    const search = query?.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** True when the backend answered 404: it does not know the entity or group (yet). */
export function isNotFoundResponse(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 404;
}
