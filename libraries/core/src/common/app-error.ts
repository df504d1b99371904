/** One typed domain error; the backend's exception filter maps it to `{statusCode, code, message, details}`. */
export interface ErrorDetail {
  field?: string;
  channel?: string;
  code?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** Seconds, sent as Retry-After on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(code: string, message: string, details?: ErrorDetail[]): AppError {
    return new AppError(400, code, message, details);
  }

  static validation(message: string, details: ErrorDetail[]): AppError {
    return new AppError(400, 'validation_failed', message, details);
  }

  static unauthorized(code = 'unauthorized', message = 'Sign in to continue'): AppError {
    return new AppError(401, code, message);
  }

  static forbidden(code = 'forbidden', message = 'You do not have access to this resource'): AppError {
    return new AppError(403, code, message);
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'not_found', `${what} was not found`);
  }

  static conflict(code: string, message: string): AppError {
    return new AppError(409, code, message);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number, code = 'rate_limited'): AppError {
    return new AppError(429, code, message, undefined, retryAfterSeconds);
  }
}
