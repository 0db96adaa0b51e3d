import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import {
  createServiceOwnershipClient,
  type OwnershipApi,
  type OwnershipClient,
} from '@plinth/plugin-ownership-common';
import type { EntityOwnership, OwnershipDirectory } from './types';

/** Escalation policies change with catalog edits, rarely; a minute keeps contacts current. */
export const OWNERSHIP_CACHE_MS = 60_000;
/** A failed lookup is retried this soon, so a restarting ownership backend is not missed long. */
export const OWNERSHIP_FAILURE_CACHE_MS = 10_000;

export type OwnershipClientDirectoryOptions = {
  client: Pick<OwnershipApi, 'getEntityEscalation'>;
  logger: LoggerService;
  /** Injected in tests; Date.now otherwise. */
  clock?: () => number;
};

/**
 * The ownership backend's answers per entity, cached for a minute. One warning per
 * outage, not per consumer.
 */
export class OwnershipClientDirectory implements OwnershipDirectory {
  private readonly client: Pick<OwnershipApi, 'getEntityEscalation'>;
  private readonly logger: LoggerService;
  private readonly clock: () => number;
  private readonly cache = new Map<
    string,
    { at: number; answer: Promise<EntityOwnership> }
  >();
  private warned = false;

  constructor(options: OwnershipClientDirectoryOptions) {
    this.client = options.client;
    this.logger = options.logger;
    this.clock = options.clock ?? Date.now;
  }

  async ownershipOf(entityRef: string): Promise<EntityOwnership> {
    const now = this.clock();
    const cached = this.cache.get(entityRef);
    if (cached) {
      const answer = await cached.answer;
      const ttl =
        answer.state === 'unavailable'
          ? OWNERSHIP_FAILURE_CACHE_MS
          : OWNERSHIP_CACHE_MS;
      if (now - cached.at < ttl) return answer;
    }
    const answer = this.ask(entityRef);
    this.cache.set(entityRef, { at: now, answer });
    // The map is bounded by the entities the catalog has; expired entries are replaced.
    return answer;
  }

  private async ask(entityRef: string): Promise<EntityOwnership> {
    try {
      const { row } = await this.client.getEntityEscalation(entityRef);
      this.warned = false;
      return {
        state: 'known',
        ownerRef: row.ownerRef,
        ownerTitle: row.ownerTitle,
        ownerUnknown: row.findings.includes('unknown-owner'),
        policyRef: row.policyRef,
        firstTier: row.tiers[0],
      };
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        return { state: 'unknown' };
      }
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          'Could not read owners and escalation policies from the ownership backend; consumers are shown without who to call',
          { entityRef, error: stringifyError(error) },
        );
      }
      return { state: 'unavailable' };
    }
  }
}

export type OwnershipSourceOptions = {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
};

/**
 * The ownership backend's client, calling with this plugin's own service credentials: the
 * contacts of a consumer's owner are shown to anyone who may read the consumer.
 */
export function createOwnershipClient(
  options: OwnershipSourceOptions,
): OwnershipClient {
  return createServiceOwnershipClient(options);
}
