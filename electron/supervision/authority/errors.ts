/** A refusal with its HTTP status and an English sentence the operator can act on. */
export class AuthorityError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 503,
    message: string,
  ) {
    super(message);
  }
}
