/** Error body of every failed API call, as the HTTP transport sends it and the client re-throws it. */
export interface ApiErrorBody {
  error: string;
  /** Machine-readable reason: `unauthorized`, `forbidden`, `bad-request`, `not-found`, `conflict`, `rate-limited`, `internal`. */
  code: ApiErrorCode;
  /** Which field of the request was wrong, where it applies. */
  field?: string;
}

export type ApiErrorCode = 'unauthorized' | 'forbidden' | 'bad-request' | 'not-found' | 'conflict' | 'rate-limited' | 'internal';

export const HTTP_STATUS_FOR_ERROR: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  internal: 500,
};

/** Error carrying an API error code, thrown by the core and by both client transports. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { error: this.message, code: this.code }
      : { error: this.message, code: this.code, field: this.field };
  }
}
