import type { ErrorCode } from '@herald/shared';

export type ClientErrorCode = 'network_error' | 'unexpected' | 'request_failed' | 'server_error' | 'throttled' | 'storage_error';

/** Every failed request becomes one of these; `message` is always fit to show to the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** One of the shared ErrorCode values, or a client-side one (`network_error`, `unexpected`). */
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(status: number, body: unknown): ApiError {
    if (isErrorBody(body)) return new ApiError(status, body.code, body.message, body.details);
    return new ApiError(status, fallbackCode(status), fallbackMessage(status));
  }

  static network(baseUrl: string): ApiError {
    return new ApiError(0, 'network_error', `Herald's server at ${baseUrl} could not be reached. Check that it is running and try again.`);
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'unexpected', error instanceof Error ? error.message : 'Something went wrong.');
}

// Deliberately looser than the shared isApiErrorBody: a server newer than this bundle may send a code
// the dashboard does not know yet, and its message is still the best thing to show.
function isErrorBody(body: unknown): body is { code: string; message: string; details?: unknown } {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

function fallbackCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  return status >= 500 ? 'server_error' : 'request_failed';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please log in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'That could not be found.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}
