import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  responseErrorFrom,
  type FailedResponse,
} from '@plinth/problem-details';
import { DefaultApiClient } from '../schema/openapi';
import type {
  FamilyList,
  FamilyTimeline,
  LineDiff,
  LintReport,
} from '../types';
import type {
  ApiGovernanceApi,
  ApiGovernanceClientOptions,
  PageRequest,
} from './types';

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

function apiRef(ref: CompoundEntityRef | string): string {
  return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'api' }));
}

/**
 * Talks to the api-governance backend from the browser or Node, through the client
 * generated from the backend's OpenAPI spec; adds errors as ResponseError and entity refs
 * instead of path parts.
 */
export class ApiGovernanceClient implements ApiGovernanceApi {
  private readonly api: DefaultApiClient;

  constructor(options: ApiGovernanceClientOptions) {
    this.api = new DefaultApiClient(options);
  }

  async listFamilies(request: PageRequest = {}): Promise<FamilyList> {
    return json(await this.api.listFamilies({ query: request }));
  }

  async getFamily(family: string): Promise<FamilyTimeline> {
    return json(await this.api.getFamily({ path: { family } }));
  }

  async getDiff(
    family: string,
    base: CompoundEntityRef | string,
    head: CompoundEntityRef | string,
    request: PageRequest = {},
  ): Promise<LineDiff> {
    return json(
      await this.api.getFamilyDiff({
        path: { family },
        query: { base: apiRef(base), head: apiRef(head), ...request },
      }),
    );
  }

  async getLint(
    ref: CompoundEntityRef | string,
    request: PageRequest = {},
  ): Promise<LintReport> {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind: 'api',
    });
    return json(
      await this.api.getApiLint({
        // Catalog URLs spell kinds in lower case; the backend accepts either.
        path: { kind: kind.toLocaleLowerCase('en-US'), namespace, name },
        query: request,
      }),
    );
  }
}
