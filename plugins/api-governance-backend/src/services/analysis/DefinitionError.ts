import { CustomErrorBase } from '@backstage/errors';
import type { DefinitionProblem } from '@plinth/plugin-api-governance-common';

/**
 * A stored API definition cannot be used (invalid, too large, or too costly to check).
 * The request was well formed, the entity's content is not: 422, with the loader's code
 * and the entity in the problem's `error` member.
 */
export class DefinitionError extends CustomErrorBase {
  readonly statusCode = 422;
  readonly code: string;
  readonly entityRef: string;

  constructor(entityRef: string, problem: DefinitionProblem) {
    super(
      problem.message.startsWith(entityRef)
        ? problem.message
        : `${entityRef}: ${problem.message}`,
    );
    this.code = problem.code;
    this.entityRef = entityRef;
  }
}
