import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  Check,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import type { AdoptionApi, FactRow, LatestFacts } from './types';

const normalize = (ref: string) => stringifyEntityRef(parseEntityRef(ref));

/** The subset of Backstage's DiscoveryApi and FetchApi the client needs. */
export type AdoptionClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
};

/**
 * Talks to the Tech Insights backend (`/api/tech-insights`) with the signed-in user's
 * credentials (fetchApi adds them). The community frontend's client is not served by the
 * registry here, so this is ours, typed with -common's Check and CheckResult.
 */
export class AdoptionClient implements AdoptionApi {
  constructor(private readonly options: AdoptionClientOptions) {}

  async getChecks(): Promise<Check[]> {
    return this.get('/checks');
  }

  async runChecks(entityRef: string): Promise<CheckResult[]> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [namespace, kind.toLocaleLowerCase('en-US'), name]
      .map(encodeURIComponent)
      .join('/');
    return this.request(`/checks/run/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({}),
    });
  }

  async getLatestFacts(
    entityRef: string,
    retrieverIds: string[],
  ): Promise<LatestFacts> {
    const query = new URLSearchParams({ entity: normalize(entityRef) });
    retrieverIds.forEach(id => query.append('ids', id));
    return this.get(`/facts/latest?${query}`);
  }

  async getFactRange(
    entityRef: string,
    retrieverId: string,
    from: Date,
    to: Date,
  ): Promise<FactRow[]> {
    const query = new URLSearchParams({
      entity: normalize(entityRef),
      startDatetime: from.toISOString(),
      endDatetime: to.toISOString(),
    });
    query.append('ids', retrieverId);
    const rows = await this.get<Record<string, FactRow[]>>(
      `/facts/range?${query}`,
    );
    return rows[retrieverId] ?? [];
  }

  private get<T>(path: string): Promise<T> {
    return this.request(path, {});
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('tech-insights');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
