// One vocabulary of machine-readable error codes for the whole API, and the one place a code gets its HTTP status:
// AppError (libraries/core) takes its status from ERROR_HTTP_STATUS, the backend's filter answers that status, and the
// dashboard switches on the code, never on the message. A code missing here does not compile where it is thrown.

export const ERROR_HTTP_STATUS = {
  // 400: the request cannot be carried out as sent.
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  invalid_text: 400,
  body_too_deep: 400,
  invalid_state: 400,
  invalid_token: 400,
  invalid_signed_request: 400,
  signed_request_replayed: 400,
  media_not_uploaded: 400,
  invalid_csv: 400,
  too_many_rows: 400,
  access_denied: 400,
  wrong_account: 400,
  unknown_page: 400,
  not_in_between_steps: 400,
  provider_not_configured: 400,
  refresh_not_supported: 400,
  missing_permission: 400,
  unsupported_media_type: 400,
  already_owner: 400,
  upload_chunk_invalid: 400,
  // 401: who is asking is not known.
  unauthorized: 401,
  invalid_credentials: 401,
  // 403: known, and not allowed.
  forbidden: 403,
  csrf_rejected: 403,
  not_a_member: 403,
  password_incorrect: 403,
  invitation_for_another_account: 403,
  registration_closed: 403,
  metrics_local_only: 403,
  // 404, 405
  not_found: 404,
  unknown_provider: 404,
  method_not_allowed: 405,
  // 409: the request disagrees with the current state.
  conflict: 409,
  email_taken: 409,
  name_taken: 409,
  already_member: 409,
  last_owner: 409,
  no_free_slot: 409,
  post_already_published: 409,
  reconnect_needed: 409,
  media_in_use: 409,
  upload_incomplete: 409,
  upload_part_mismatch: 409,
  upload_mode_mismatch: 409,
  // 413, 415, 429
  payload_too_large: 413,
  upload_quota_exceeded: 413,
  unsupported_encoding: 415,
  rate_limited: 429,
  too_many_attempts: 429,
  upload_rate_limited: 429,
  // 5xx
  internal_error: 500,
  platform_error: 502,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_HTTP_STATUS, value);
}

/** The codes answered with `status`: what each AppError factory accepts. */
export type ErrorCodeWithStatus<S extends number> = { [K in ErrorCode]: (typeof ERROR_HTTP_STATUS)[K] extends S ? K : never }[ErrorCode];

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}
