import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** An API entity as governance sees it: one major version line (of a family, or alone). */
export type ApiEntity = {
  entityRef: string;
  name: string;
  title?: string;
  /** `plinth.dev/api-family`, when set. */
  family?: string;
  /** `spec.type`: only `openapi` lines are checked. */
  type?: string;
  lifecycle: string;
  /** `spec.owner` as a full entity ref. */
  owner?: string;
  /** Raw `plinth.dev/deprecated-at` / `plinth.dev/sunset-at` values. */
  deprecatedAt?: string;
  sunsetAt?: string;
  /** `spec.definition` (the catalog resolves `$text` placeholders to text). */
  definition: unknown;
  /** Targets of `apiConsumedBy` relations. */
  consumerRefs: string[];
};

/** A consumer of a line. */
export type ConsumerEntity = {
  entityRef: string;
  kind: string;
  title?: string;
  owner?: string;
};

/**
 * The catalog reads governance needs, always with the caller's credentials so that the
 * catalog's own permission rules apply.
 */
export interface ApiCatalog {
  /** Every API entity with a `plinth.dev/api-family` annotation. */
  listFamilyApis(credentials: BackstageCredentials): Promise<ApiEntity[]>;
  /** One API entity, or undefined when it does not exist or may not be read. */
  getApi(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ApiEntity | undefined>;
  /** The consumers that exist and may be read, in the order asked. */
  getConsumers(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<ConsumerEntity[]>;
}
