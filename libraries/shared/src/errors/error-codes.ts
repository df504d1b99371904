// One vocabulary of machine-readable error codes for the whole API. The exception filter maps a code to its
// status through ERROR_HTTP_STATUS, and the dashboard switches on the code, never on the message.

export const ERROR_HTTP_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_state: 400,
  access_denied: 400,
  provider_not_configured: 400,
  unsupported_media_type: 400,
  post_already_published: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  platform_error: 502,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_HTTP_STATUS, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}
