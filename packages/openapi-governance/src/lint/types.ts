/** Severity of a lint finding (Spectral's hint is reported as info). */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One place where a document does not follow the Plinth API guidelines. */
export interface Finding {
  /** Rule id, e.g. `plinth-versioned-base-path`. */
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  /** JSON path into the document, e.g. ["paths", "/users", "get"]. */
  path: Array<string | number>;
  /** 1-based start and end in the document text, when Spectral could map the path. */
  range?: {
    start: { line: number; column: number };
    end: { line: number; column: number };
  };
}
