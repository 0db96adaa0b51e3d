import { InputError } from '@backstage/errors';

/** Why a document was refused; stable, so callers (CLI, backend) can branch on it. */
export type SpecErrorCode =
  | 'FILE_NOT_FOUND'
  | 'NOT_A_FILE'
  | 'UNREADABLE'
  | 'TOO_LARGE'
  | 'PARSE_ERROR'
  | 'NOT_AN_OBJECT'
  | 'NOT_OPENAPI'
  | 'SWAGGER_2'
  | 'UNSUPPORTED_VERSION'
  | 'INVALID_STRUCTURE'
  | 'TOO_DEEP'
  | 'REMOTE_REF'
  | 'UNRESOLVED_REF'
  | 'CIRCULAR_REF';

/**
 * A document could not be used. It is an InputError, so a Backstage backend answers 400
 * with it; `code` says which check failed and `source` names the file.
 */
export class SpecInputError extends InputError {
  readonly code: SpecErrorCode;
  readonly source: string;
  readonly line?: number;
  readonly column?: number;

  constructor(
    code: SpecErrorCode,
    source: string,
    message: string,
    options?: { line?: number; column?: number; cause?: unknown },
  ) {
    super(`${source}: ${message}`, options?.cause);
    this.code = code;
    this.source = source;
    this.line = options?.line;
    this.column = options?.column;
  }
}
