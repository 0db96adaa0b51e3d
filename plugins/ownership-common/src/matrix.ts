import type { EscalationTier, ServiceTier } from './escalationPolicy';

/** Kinds that appear as rows of the ownership matrix. */
export const MATRIX_KINDS = ['Component', 'API', 'Resource'] as const;
export type MatrixKind = (typeof MATRIX_KINDS)[number];

/** Where an entity's escalation policy comes from. */
export type PolicySource = 'annotation' | 'owner-group' | 'none';

/** One row: an entity, who owns it, and who to call. */
export type OwnershipMatrixRow = {
  entityRef: string;
  kind: MatrixKind;
  name: string;
  title?: string;
  type?: string;
  lifecycle?: string;
  tier?: ServiceTier;
  system?: string;
  domain?: string;
  ownerRef?: string;
  ownerTitle?: string;
  policyRef?: string;
  policySource: PolicySource;
  /** The policy's tiers in calling order (empty when there is no policy). */
  tiers: EscalationTier[];
  /** Response target of the first tier for this entity's service tier, in minutes. */
  firstResponseMinutes?: number;
  /** Finding types that apply to this entity (see CoverageFinding). */
  findings: CoverageFindingType[];
};

export type MatrixFilters = {
  domain?: string[];
  system?: string[];
  owner?: string[];
  tier?: ServiceTier[];
  lifecycle?: string[];
  kind?: MatrixKind[];
  /** Free text matched against name, title, owner and policy. */
  q?: string;
  /** Only rows with at least one of these findings. */
  finding?: CoverageFindingType[];
};

/**
 * The values each list filter can take, over the whole matrix (not only the filtered rows),
 * sorted: picking a domain must not hide the other domains from the choices.
 */
export type MatrixFacets = {
  domain: string[];
  system: string[];
  owner: string[];
  lifecycle: string[];
};

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

/** The facets of a set of rows: each filter's distinct values, sorted. */
export function matrixFacetsOf(rows: OwnershipMatrixRow[]): MatrixFacets {
  return {
    domain: distinct(rows.map(r => r.domain)),
    system: distinct(rows.map(r => r.system)),
    owner: distinct(rows.map(r => r.ownerRef)),
    lifecycle: distinct(rows.map(r => r.lifecycle)),
  };
}

export type MatrixPage = {
  items: OwnershipMatrixRow[];
  totalItems: number;
  offset: number;
  limit: number;
  /** When the snapshot behind this page was computed (ISO 8601). */
  generatedAt: string;
  facets: MatrixFacets;
};

export const COVERAGE_FINDING_TYPES = [
  'no-owner',
  'unknown-owner',
  'no-policy',
  'tier-without-contact',
  'policy-cycle',
  'tier1-first-tier-not-24x7',
  'tier1-response-too-slow',
  'policy-owner-drift',
  'group-overloaded',
  'user-without-group',
] as const;
export type CoverageFindingType = (typeof COVERAGE_FINDING_TYPES)[number];

export type FindingSeverity = 'error' | 'warning';

/**
 * How serious each finding is: errors are gaps in who to call, warnings are worth a look.
 * The backend stamps it on every CoverageFinding; the page uses it where only the type is
 * known (matrix rows, the heatmap).
 */
export const COVERAGE_FINDING_SEVERITY: Readonly<
  Record<CoverageFindingType, FindingSeverity>
> = {
  'no-owner': 'error',
  'unknown-owner': 'error',
  'no-policy': 'error',
  'tier-without-contact': 'error',
  'policy-cycle': 'error',
  'tier1-first-tier-not-24x7': 'error',
  'tier1-response-too-slow': 'error',
  'policy-owner-drift': 'warning',
  'group-overloaded': 'warning',
  'user-without-group': 'warning',
};

export type CoverageFinding = {
  type: CoverageFindingType;
  severity: FindingSeverity;
  /** The entity the finding is about (a component, API, resource, policy, group or user). */
  entityRef: string;
  /** The team it is attributed to (owner group), when there is one. */
  groupRef?: string;
  /** What is wrong, in one sentence a team can act on. */
  message: string;
};

/** GET /v1/coverage: one page of findings, with the counts per team over all of them. */
export type CoverageSummary = {
  generatedAt: string;
  findings: CoverageFinding[];
  /** Findings over all pages. */
  totalFindings: number;
  /** Asks for the next page (`pageToken`); absent on the last page. */
  nextPageToken?: string;
  /** Per team: finding type -> count, for the heatmap. */
  byGroup: Array<{
    groupRef: string;
    counts: Partial<Record<CoverageFindingType, number>>;
  }>;
};

/** GET /entities/:kind/:namespace/:name: the "Who to call" card. */
export type EntityEscalation = {
  row: OwnershipMatrixRow;
  findings: CoverageFinding[];
};

/** GET /groups/:namespace/:name: what a team owns and its policy. */
export type GroupOwnership = {
  groupRef: string;
  policyRefs: string[];
  owned: OwnershipMatrixRow[];
  findings: CoverageFinding[];
};
