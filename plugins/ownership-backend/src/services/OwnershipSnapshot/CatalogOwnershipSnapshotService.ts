import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FindingLimits } from '../findings';
import { buildSnapshot } from './buildSnapshot';
import { readCatalogSlice } from './readCatalogSlice';
import type { OwnershipSnapshot, OwnershipSnapshotService } from './types';

/**
 * Keeps the matrix in memory so requests never hit the catalog; a failed refresh
 * keeps serving the previous snapshot.
 *
 * Exception: an empty snapshot. Right after start-up the catalog is often still
 * processing its locations, and waiting a full refresh interval would show teams an
 * empty matrix; so while the snapshot has no rows, a request rebuilds it, at most
 * once per `emptyRetryMs`.
 */
export class CatalogOwnershipSnapshotService
  implements OwnershipSnapshotService
{
  #current?: OwnershipSnapshot;
  #inFlight?: Promise<OwnershipSnapshot>;
  #builtAt = 0;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      limits: FindingLimits;
      /** How often an empty snapshot may be rebuilt on request (default 2 s). */
      emptyRetryMs?: number;
    },
  ) {}

  async getSnapshot(): Promise<OwnershipSnapshot> {
    const current = this.#current;
    if (current && current.rows.length === 0 && this.#emptyRetryDue()) {
      await this.refresh();
      return this.#current ?? current;
    }
    if (current) {
      return current;
    }
    try {
      return await this.#build();
    } catch (error) {
      throw new ServiceUnavailableError(
        'The ownership matrix is not available yet: reading the catalog failed',
        error,
      );
    }
  }

  async refresh(): Promise<void> {
    try {
      await this.#build();
    } catch (error) {
      this.deps.logger.warn('Ownership snapshot refresh failed', {
        error: stringifyError(error),
        servingSnapshotFrom: this.#current?.generatedAt ?? 'none',
      });
    }
  }

  #emptyRetryDue(): boolean {
    return Date.now() - this.#builtAt >= (this.deps.emptyRetryMs ?? 2_000);
  }

  #build(): Promise<OwnershipSnapshot> {
    // Concurrent callers share one catalog read.
    this.#inFlight ??= (async () => {
      try {
        const started = Date.now();
        const slice = await readCatalogSlice(this.deps.catalog, this.deps.auth);
        const snapshot = buildSnapshot(slice, this.deps.limits);
        this.#current = snapshot;
        this.#builtAt = Date.now();
        this.deps.logger.info('Ownership snapshot refreshed', {
          rows: snapshot.rows.length,
          policies: slice.policies.length,
          groups: slice.groups.length,
          findings: snapshot.findings.length,
          durationMs: Date.now() - started,
        });
        return snapshot;
      } finally {
        this.#inFlight = undefined;
      }
    })();
    return this.#inFlight;
  }
}
