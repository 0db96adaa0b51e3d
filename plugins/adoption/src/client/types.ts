import type {
  Check,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import type { JsonValue } from '@backstage/types';

/** One stored fact row, as GET /facts/latest and /facts/range return it. */
export type FactRow = {
  id: string;
  /**
   * ISO 8601; null when the backend could not read its own stored time (Tech Insights
   * 3.1.0 on SQLite returns null from /facts/range: it parses SQLite's "YYYY-MM-DD hh:mm"
   * text as ISO and fails). The trend fact carries its own `scoredAt` for that reason.
   */
  timestamp: string | null;
  version: string;
  facts: Record<string, JsonValue>;
};

/** Fact rows by retriever id. */
export type LatestFacts = Record<string, FactRow>;

/** What the Adoption card and page read from the Tech Insights backend. */
export interface AdoptionApi {
  getChecks(): Promise<Check[]>;
  /** Runs every check on one entity; a check without its facts is left out. */
  runChecks(entityRef: string): Promise<CheckResult[]>;
  getLatestFacts(
    entityRef: string,
    retrieverIds: string[],
  ): Promise<LatestFacts>;
  /** Rows of one retriever for one entity between two times, oldest first. */
  getFactRange(
    entityRef: string,
    retrieverId: string,
    from: Date,
    to: Date,
  ): Promise<FactRow[]>;
}
