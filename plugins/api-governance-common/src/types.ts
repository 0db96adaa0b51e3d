/*
 * The REST shapes of the api-governance backend (src/schema/openapi.yaml in
 * plugins/api-governance-backend), written by hand so their constants (rule ids,
 * severities, impacts) live next to them; contract.test.ts fails to type-check when they no
 * longer match the models generated from the spec.
 */

import type { EscalationTier } from '@plinth/plugin-ownership-common';

/** Why a line's definition could not be checked (the loader's code, or TIMEOUT / OUT_OF_MEMORY). */
export type DefinitionProblem = {
  code: string;
  message: string;
  line?: number;
  column?: number;
};

/** One major version line (an API entity) of a family. */
export type LineVersion = {
  entityRef: string;
  name: string;
  title?: string;
  /** `spec.lifecycle`: experimental, production, deprecated (other values passed through). */
  lifecycle: string;
  /** Entity ref of `spec.owner`. */
  owner?: string;
  /** `info.version` of the definition. */
  semver?: string;
  major?: number;
  /** `plinth.dev/deprecated-at`, ISO 8601 date. */
  deprecatedAt?: string;
  /** `plinth.dev/sunset-at`, ISO 8601 date. */
  sunsetAt?: string;
  /** Whole days from today to the sunset; negative once past it. */
  daysToSunset?: number;
  definitionProblem?: DefinitionProblem;
};

export type ViolationCounts = {
  violations: number;
  /** Breaking changes between consecutive lines. */
  breakingChanges: number;
  /** Lint errors over every line. */
  lintErrors: number;
  /** Distinct consumers of any line. */
  consumers: number;
};

export type FamilySummary = {
  name: string;
  title: string;
  /** Owner of the newest line. */
  owner?: string;
  /** Ordered by major version. */
  lines: LineVersion[];
  counts: ViolationCounts;
};

export type FamilyList = {
  items: FamilySummary[];
  totalItems: number;
  nextPageToken?: string;
};

export type LintSummary = { error: number; warning: number; info: number };

export type ChangeCounts = {
  breaking: number;
  potentiallyBreaking: number;
  nonBreaking: number;
};

/** Governance policy rules the backend checks; see VIOLATION_RULES for what each means. */
export const VIOLATION_RULE_IDS = [
  'sunset-passed-still-consumed',
  'breaking-change-without-major-bump',
  'production-without-owner',
  'production-without-escalation-policy',
  'deprecation-window-too-short',
  'sunset-without-deprecation',
  'deprecated-without-sunset',
  'duplicate-major-version',
  'invalid-definition',
] as const;
export type ViolationRuleId = (typeof VIOLATION_RULE_IDS)[number];

export type ViolationSeverity = 'error' | 'warning';

/** Each rule's severity and a one-line description, for legends and docs. */
export const VIOLATION_RULES: Readonly<
  Record<ViolationRuleId, { severity: ViolationSeverity; description: string }>
> = {
  'sunset-passed-still-consumed': {
    severity: 'error',
    description: 'A line past its sunset date still has consumers.',
  },
  'breaking-change-without-major-bump': {
    severity: 'error',
    description:
      'A line has breaking changes against the previous line without a new major version.',
  },
  'production-without-owner': {
    severity: 'error',
    description: 'A production line has no owner.',
  },
  'production-without-escalation-policy': {
    severity: 'error',
    description:
      'A production line has no escalation policy (its own or its owner group’s).',
  },
  'deprecation-window-too-short': {
    severity: 'error',
    description:
      'A line that was in production is sunset sooner after its deprecation than the policy allows.',
  },
  'sunset-without-deprecation': {
    severity: 'warning',
    description: 'A line has a sunset date but is not deprecated.',
  },
  'deprecated-without-sunset': {
    severity: 'warning',
    description:
      'A deprecated line has no sunset date, so consumers cannot plan.',
  },
  'duplicate-major-version': {
    severity: 'error',
    description: 'Two lines of a family declare the same major version.',
  },
  'invalid-definition': {
    severity: 'error',
    description: 'A line’s OpenAPI definition cannot be loaded or checked.',
  },
};

export type PolicyViolation = {
  ruleId: ViolationRuleId;
  severity: ViolationSeverity;
  message: string;
  /** The entity the violation concerns: a line, or a consumer of it. */
  entityRef: string;
};

export type ConsumerEscalation = {
  /** unavailable: the ownership backend could not be asked. */
  state: 'ok' | 'no-policy' | 'unavailable';
  policyRef?: string;
  firstTier?: EscalationTier;
};

export const CONSUMER_IMPACTS = [
  'none',
  'migrate-before-sunset',
  'past-sunset',
] as const;
/**
 * none: the line is supported; migrate-before-sunset: deprecated or with a sunset ahead;
 * past-sunset: its sunset has passed.
 */
export type ConsumerImpactLevel = (typeof CONSUMER_IMPACTS)[number];

export type ConsumerImpact = {
  entityRef: string;
  kind: string;
  title?: string;
  /** Entity ref of the consumer's owner. */
  owner?: string;
  ownerTitle?: string;
  impact: ConsumerImpactLevel;
  message: string;
  /** What moving to the family's newest production line involves. */
  migration?: { toEntityRef: string; changes: ChangeCounts };
  escalation: ConsumerEscalation;
};

export type LineDetail = LineVersion & {
  lint?: LintSummary;
  consumers: ConsumerImpact[];
  violations: PolicyViolation[];
};

/** The changes from one line to the next one in the timeline. */
export type LineDiffSummary = {
  baseEntityRef: string;
  headEntityRef: string;
  changes?: ChangeCounts;
  problem?: DefinitionProblem;
};

export type FamilyTimeline = {
  name: string;
  title: string;
  owner?: string;
  /** Ordered by major version. */
  lines: LineDetail[];
  diffs: LineDiffSummary[];
  counts: ViolationCounts;
  /** unavailable: owners and escalation contacts are missing, escalation rules were not checked. */
  ownership: 'ok' | 'unavailable';
};

export const CHANGE_SEVERITIES = [
  'breaking',
  'potentially-breaking',
  'non-breaking',
] as const;
export type ChangeSeverity = (typeof CHANGE_SEVERITIES)[number];

export type ChangeLocation = {
  /** Path template ('' for document-level changes). */
  path: string;
  method?: string;
  /** JSON pointer into `document`, where the node is defined. */
  pointer: string;
  document: 'base' | 'head';
};

export type ChangeFinding = {
  ruleId: string;
  severity: ChangeSeverity;
  location: ChangeLocation;
  message: string;
};

/** The changes of one operation (path '' for document-level changes), breaking first. */
export type OperationChanges = {
  path: string;
  method?: string;
  counts: ChangeCounts;
  changes: ChangeFinding[];
};

export type LineDiff = {
  family: string;
  base: LineVersion;
  head: LineVersion;
  counts: ChangeCounts;
  /** Operations with breaking changes first, then potentially breaking, then the rest. */
  items: OperationChanges[];
  totalItems: number;
  nextPageToken?: string;
};

export type LintSeverity = 'error' | 'warning' | 'info';

export type SourcePosition = { line: number; column: number };

export type LintFinding = {
  ruleId: string;
  severity: LintSeverity;
  message: string;
  /** JSON pointer into the definition. */
  pointer: string;
  start?: SourcePosition;
  end?: SourcePosition;
};

export type LintReport = {
  api: LineVersion;
  summary: LintSummary;
  /** Errors first, then warnings and infos, in document order. */
  items: LintFinding[];
  totalItems: number;
  nextPageToken?: string;
};
