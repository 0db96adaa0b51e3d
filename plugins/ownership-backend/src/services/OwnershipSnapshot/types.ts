import type { Entity } from '@backstage/catalog-model';
import type {
  CoverageFinding,
  CoverageSummary,
  EscalationPolicyEntity,
  EscalationTier,
  OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';

/** The catalog entities the matrix is computed from, already projected. */
export type CatalogSlice = {
  /** Components, APIs and resources: the rows of the matrix. */
  matrixEntities: Entity[];
  policies: EscalationPolicyEntity[];
  groups: Entity[];
  users: Entity[];
  /** Systems, to derive the domain of the entities that are part of them. */
  systems: Entity[];
};

export type KnownGroup = {
  ref: string;
  title?: string;
  /** The policy the group names via its own escalation-policy annotation. */
  preferredPolicyRef?: string;
};

export type KnownPolicy = {
  ref: string;
  name: string;
  ownerRef?: string;
  /** In calling order. */
  tiers: EscalationTier[];
  /** The policy escalation continues with after the last tier (its escalation-policy annotation). */
  nextPolicyRef?: string;
};

export type KnownUser = {
  ref: string;
  groupRefs: string[];
};

/** A matrix row before findings are attached, with the policy it resolved to. */
export type ResolvedRow = {
  row: OwnershipMatrixRow;
  policy?: KnownPolicy;
  /** The annotation named a policy that is not in the catalog. */
  missingPolicyRef?: string;
};

/** Everything a request is answered from; rebuilt in the background. */
export type OwnershipSnapshot = {
  generatedAt: string;
  /** Sorted by entity ref. */
  rows: OwnershipMatrixRow[];
  /** Lower-cased text searched by `q`, parallel to `rows`. */
  searchText: string[];
  findings: CoverageFinding[];
  byGroup: CoverageSummary['byGroup'];
  /** Keyed by lower-cased entity ref. */
  rowsByRef: Map<string, OwnershipMatrixRow>;
  /** Keyed by lower-cased group ref. */
  groups: Map<string, KnownGroup>;
  /** Keyed by lower-cased policy ref. */
  policies: Map<string, KnownPolicy>;
};

/** Serves the current snapshot; the first call waits for the first build. */
export interface OwnershipSnapshotService {
  getSnapshot(): Promise<OwnershipSnapshot>;
  /** Rebuilds the snapshot from the catalog. */
  refresh(): Promise<void>;
}
