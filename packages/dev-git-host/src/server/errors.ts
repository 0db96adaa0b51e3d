/** A request or configuration the git host refuses, with a message a person can act on. */
export class DevGitHostError extends Error {
  override name = 'DevGitHostError';
  constructor(
    message: string,
    /** The HTTP status the host answers with. */
    readonly status: number = 400,
  ) {
    super(message);
  }
}
