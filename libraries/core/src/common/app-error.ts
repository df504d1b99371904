import { httpStatusOf, type ErrorCode, type ErrorCodeWithStatus, type ErrorDetail } from '@herald/shared';

export type { ErrorDetail };

/**
 * A domain error. Its HTTP status comes from its code, through the one table in `@herald/shared`
 * (ERROR_HTTP_STATUS): each factory takes only the codes of its status, so a code cannot be answered with two.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Seconds, sent as Retry-After on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = httpStatusOf(code);
  }

  static badRequest(code: ErrorCodeWithStatus<400>, message: string, details?: ErrorDetail[]): AppError {
    return new AppError(code, message, details);
  }

  static validation(message: string, details: ErrorDetail[]): AppError {
    return new AppError('validation_failed', message, details);
  }

  static unauthorized(code: ErrorCodeWithStatus<401> = 'unauthorized', message = 'Sign in to continue'): AppError {
    return new AppError(code, message);
  }

  static forbidden(code: ErrorCodeWithStatus<403> = 'forbidden', message = 'You do not have access to this resource'): AppError {
    return new AppError(code, message);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found`);
  }

  static conflict(code: ErrorCodeWithStatus<409>, message: string): AppError {
    return new AppError(code, message);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number, code: ErrorCodeWithStatus<429> = 'rate_limited'): AppError {
    return new AppError(code, message, undefined, retryAfterSeconds);
  }
}
