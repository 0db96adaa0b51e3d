import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  createServiceOwnershipClient,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import type { PipelineEscalation } from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';
import type {
  EscalationAnswer,
  EscalationLookup,
  EscalationSource,
} from './types';

/** Escalation policies change with catalog edits, rarely; a minute keeps alerts current. */
export const ESCALATION_CACHE_MS = 60_000;
/**
 * A failed lookup is asked again this soon: an alert waiting for the tier (see
 * BreachAlerter) should not wait a whole cache period for the ownership backend to start.
 */
export const ESCALATION_FAILURE_CACHE_MS = 10_000;

export type OwnershipEscalationLookupOptions = {
  source: EscalationSource;
  logger: LoggerService;
  /** Injected in tests; Date.now otherwise. */
  clock?: () => number;
  cacheMs?: number;
};

type Cached = { at: number; answer: EscalationAnswer };

function escalationOfRow(
  row: OwnershipMatrixRow,
): PipelineEscalation | undefined {
  const tier = row.tiers[0];
  return row.policyRef && tier ? { policyRef: row.policyRef, tier } : undefined;
}

/**
 * The first escalation tier of a pipeline, read from the ownership backend: the policy of
 * the pipeline's catalog entity when it has one (its annotation or its owner's), else the
 * owning group's first policy. GroupOwnership names a group's policies but carries tiers
 * only on the rows of what the group owns, so the tiers come from an owned entity that
 * uses that policy.
 */
export class OwnershipEscalationLookup implements EscalationLookup {
  private readonly source: EscalationSource;
  private readonly logger: LoggerService;
  private readonly clock: () => number;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, Cached>();
  /** Keys whose failure was already logged: one warning per outage, not per alert. */
  private readonly warned = new Set<string>();

  constructor(options: OwnershipEscalationLookupOptions) {
    this.source = options.source;
    this.logger = options.logger;
    this.clock = options.clock ?? Date.now;
    this.cacheMs = options.cacheMs ?? ESCALATION_CACHE_MS;
  }

  async firstTier(
    pipeline: Pick<PipelineConfig, 'id' | 'owner' | 'entityRef'>,
  ): Promise<PipelineEscalation | undefined> {
    return (await this.lookUp(pipeline)).escalation;
  }

  async lookUp(
    pipeline: Pick<PipelineConfig, 'id' | 'owner' | 'entityRef'>,
  ): Promise<EscalationAnswer> {
    const key = `${pipeline.entityRef ?? ''}|${pipeline.owner}`;
    const now = this.clock();
    const cached = this.cache.get(key);
    if (
      cached &&
      now - cached.at <
        (cached.answer.answered ? this.cacheMs : ESCALATION_FAILURE_CACHE_MS)
    ) {
      return cached.answer;
    }
    let answer: EscalationAnswer;
    try {
      answer = { escalation: await this.ask(pipeline), answered: true };
      this.warned.delete(key);
    } catch (error) {
      // A failure is cached briefly too: the ownership backend is not asked again on
      // every poll while it is down.
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.logger.warn(
          'Could not read the escalation policy from the ownership backend; notifications wait for it for a while, then name no tier',
          {
            pipelineId: pipeline.id,
            owner: pipeline.owner,
            entityRef: pipeline.entityRef,
            error: stringifyError(error),
          },
        );
      }
      answer = { answered: false };
    }
    this.cache.set(key, { at: now, answer });
    return answer;
  }

  private async ask(
    pipeline: Pick<PipelineConfig, 'owner' | 'entityRef'>,
  ): Promise<PipelineEscalation | undefined> {
    if (pipeline.entityRef) {
      const { row } = await this.source.getEntityEscalation(pipeline.entityRef);
      const escalation = escalationOfRow(row);
      if (escalation) {
        return escalation;
      }
    }
    if (
      parseEntityRef(pipeline.owner).kind.toLocaleLowerCase('en-US') !== 'group'
    ) {
      return undefined;
    }
    const group = await this.source.getGroupOwnership(pipeline.owner);
    for (const policyRef of group.policyRefs) {
      const row = group.owned.find(
        r => r.policyRef === policyRef && r.tiers.length > 0,
      );
      if (row) {
        return { policyRef, tier: row.tiers[0] };
      }
    }
    return undefined;
  }
}

export type OwnershipSourceOptions = {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
};

/**
 * The ownership backend's client, calling with this plugin's own service credentials
 * (alerting runs in the background, on behalf of no user).
 */
export function createOwnershipSource(
  options: OwnershipSourceOptions,
): EscalationSource {
  return createServiceOwnershipClient(options);
}
