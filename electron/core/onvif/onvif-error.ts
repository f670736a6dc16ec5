/**
 * Why an ONVIF exchange failed, in words an operator can act on. Every failure of the client is one
 * of these; nothing a camera sends makes the client throw anything else.
 */
export type OnvifErrorKind =
  /** The device refused our credentials (ter:NotAuthorized, HTTP 401/403). */
  | 'not-authorized'
  /** The device answered a SOAP fault other than an authorisation one. */
  | 'fault'
  /** The answer was not a SOAP 1.2 envelope we could read (garbage, cut short, wrong shape). */
  | 'bad-response'
  /** The answer was larger than we accept. */
  | 'too-large'
  /** No complete answer within the time allowed. */
  | 'timeout'
  /** Connection refused, reset, host unreachable, or an HTTP status without a SOAP body. */
  | 'unreachable'
  /** The device lacks the service or the capability (no PTZ, no media service). */
  | 'unsupported';

export class OnvifError extends Error {
  constructor(
    readonly kind: OnvifErrorKind,
    message: string,
    /** For faults: the SOAP Code/Subcode values as `prefix:Local` text, outermost first. */
    readonly codes: readonly string[] = [],
  ) {
    super(message);
    this.name = 'OnvifError';
  }
}

/** True when `value` is an OnvifError (of `kind` when given). */
export function isOnvifError(value: unknown, kind?: OnvifErrorKind): value is OnvifError {
  return value instanceof OnvifError && (kind === undefined || value.kind === kind);
}
