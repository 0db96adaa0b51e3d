import type { ChangeRuleId } from './rules';

/** How a change affects existing clients. */
export type ChangeSeverity =
  | 'breaking'
  | 'potentially-breaking'
  | 'non-breaking';

export const CHANGE_SEVERITIES: ReadonlyArray<ChangeSeverity> = [
  'breaking',
  'potentially-breaking',
  'non-breaking',
];

/** Where a change is: the operation it affects and the exact place in one document. */
export interface ChangeLocation {
  /** Path template as written in the document the pointer refers to ('' for document-level changes). */
  path: string;
  /** Lower-case HTTP method, absent for document-level changes. */
  method?: string;
  /** JSON pointer (RFC 6901) into `document`, after following `$ref`s to where the node is defined. */
  pointer: string;
  /** Which document the pointer refers to: base for removals, head otherwise. */
  document: 'base' | 'head';
}

/** One difference between two versions of an API. */
export interface Change {
  /** Stable rule id (see rules.ts and the README table). */
  id: ChangeRuleId;
  severity: ChangeSeverity;
  location: ChangeLocation;
  /** One sentence for humans. */
  message: string;
}

export interface DiffOptions {
  /** The time sunset dates are compared with; defaults to the current time. */
  now?: Date;
  /**
   * Sunset date of the base line when the document does not carry one (e.g. the
   * catalog's `plinth.dev/sunset-at` annotation), ISO 8601.
   */
  sunsetAt?: string;
}
