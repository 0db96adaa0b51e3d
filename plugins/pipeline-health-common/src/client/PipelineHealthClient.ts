import { parseEntityRef } from '@backstage/catalog-model';
import {
  responseErrorFrom,
  type FailedResponse,
} from '@plinth/problem-details';
import type {
  ConsumerGroupPartitions,
  EntityPipelineHealth,
  HistoryRange,
  IncidentList,
  PipelineDetail,
  PipelineHistory,
  PipelineList,
} from '../snapshot';
import { DefaultApiClient } from '../schema/openapi';
import type { PipelineHealthApi } from './types';

/** The subset of Backstage's DiscoveryApi and FetchApi the client needs. */
export type PipelineHealthClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
};

/** Parses a 2xx body, or throws the backend's problem+json error as a ResponseError. */
async function json<T>(response: {
  ok: boolean;
  json(): Promise<unknown>;
}): Promise<T> {
  if (!response.ok) {
    throw await responseErrorFrom(response as unknown as FailedResponse);
  }
  return (await response.json()) as T;
}

/**
 * Talks to the pipeline-health backend from the browser or Node, through the client
 * generated from the backend's OpenAPI spec; adds errors as ResponseError and entity refs
 * instead of path parts.
 */
export class PipelineHealthClient implements PipelineHealthApi {
  private readonly api: DefaultApiClient;

  constructor(options: PipelineHealthClientOptions) {
    this.api = new DefaultApiClient(options);
  }

  async listPipelines(): Promise<PipelineList> {
    return json(await this.api.listPipelines({}));
  }

  async getPipeline(pipelineId: string): Promise<PipelineDetail> {
    return json(await this.api.getPipeline({ path: { pipelineId } }));
  }

  async getGroupPartitions(
    pipelineId: string,
    group: string,
  ): Promise<ConsumerGroupPartitions> {
    return json(
      await this.api.getGroupPartitions({ path: { pipelineId, group } }),
    );
  }

  async getHistory(
    pipelineId: string,
    range: HistoryRange,
  ): Promise<PipelineHistory> {
    return json(
      await this.api.getPipelineHistory({
        path: { pipelineId },
        query: { range },
      }),
    );
  }

  async getIncidents(pipelineId: string): Promise<IncidentList> {
    return json(
      await this.api.getPipelineIncidents({
        path: { pipelineId },
        query: { range: '24h' },
      }),
    );
  }

  async getEntityHealth(entityRef: string): Promise<EntityPipelineHealth> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return json(
      await this.api.getEntityHealth({
        // Catalog URLs spell kinds in lower case; the backend matches case-insensitively.
        path: { kind: kind.toLocaleLowerCase('en-US'), namespace, name },
      }),
    );
  }
}
