import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  JsonRulesEngineFactCheckerFactory,
  type JsonRuleBooleanCheckResult,
  type TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type {
  FactChecker,
  FactCheckerFactory,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';

export type PlinthFactChecker = FactChecker<
  TechInsightJsonRuleCheck,
  JsonRuleBooleanCheckResult
>;

/**
 * The json-rules-engine checker with Plinth's checks, remembering the checker it built so
 * the trend retriever can score teams in-process (the store is only handed to a factory).
 */
export class PlinthFactCheckerFactory
  implements
    FactCheckerFactory<TechInsightJsonRuleCheck, JsonRuleBooleanCheckResult>
{
  #checker?: PlinthFactChecker;
  readonly #inner: JsonRulesEngineFactCheckerFactory;

  constructor(options: {
    checks: TechInsightJsonRuleCheck[];
    logger: LoggerService;
  }) {
    this.#inner = new JsonRulesEngineFactCheckerFactory({
      checks: options.checks,
      logger: options.logger,
    });
  }

  construct(repository: TechInsightsStore): PlinthFactChecker {
    this.#checker = this.#inner.construct(repository);
    return this.#checker;
  }

  /** The checker, once the Tech Insights backend has built it (at its start). */
  get checker(): PlinthFactChecker | undefined {
    return this.#checker;
  }
}
