import type {
  ChangeFinding,
  DefinitionProblem,
  LintFinding,
} from '@plinth/plugin-api-governance-common';

/** A definition handed to the analyzer: the text and the entity it came from. */
export type DefinitionInput = {
  /** Entity ref, used in messages (the loader prefixes its errors with it). */
  source: string;
  text: string;
};

/** What a definition is, once loaded and linted. */
export type Inspection =
  | {
      ok: true;
      /** `info.version`. */
      semver: string;
      title?: string;
      findings: LintFinding[];
    }
  | { ok: false; problem: DefinitionProblem };

export type Comparison =
  | { ok: true; changes: ChangeFinding[] }
  | { ok: false; problem: DefinitionProblem; source: string };

export type DiffRequest = {
  base: DefinitionInput;
  head: DefinitionInput;
  /** The time sunset dates are compared with. */
  now: Date;
  /** The base line's `plinth.dev/sunset-at`, for documents that do not carry one. */
  sunsetAt?: string;
};

/**
 * Loads, lints and compares OpenAPI definitions. Answers never throw for bad documents:
 * an unusable definition is an `ok: false` answer with the reason, so one bad line does not
 * hide the rest of a family.
 */
export interface SpecAnalyzer {
  inspect(definition: DefinitionInput): Promise<Inspection>;
  compare(request: DiffRequest): Promise<Comparison>;
}
