import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { AppError, type Logger, PublicApiError, type PublicErrorBody, reasonPhrase, validationMessages } from '@herald/core';
import type { Response } from 'express';
import { LOGGER } from '../infra/tokens';

interface PublicErrorResponse {
  status: number;
  body: PublicErrorBody;
  retryAfter?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Any error of a /public/v1 route in the family its clients expect (docs/public-api.md §0.3): PublicApiError as it is,
 * Herald's AppError as Nest's standard body (validation as a message list), Nest's own exceptions as Nest answers
 * them, and anything unexpected as Nest's generic 500.
 */
export function toPublicErrorResponse(exception: unknown): PublicErrorResponse {
  if (exception instanceof PublicApiError) return { status: exception.status, body: exception.body, ...(exception.retryAfter !== undefined ? { retryAfter: exception.retryAfter } : {}) };
  if (exception instanceof AppError) {
    if (exception.status === 429) {
      const error = PublicApiError.tooManyRequests(exception.retryAfter ?? 60);
      return { status: 429, body: error.body, retryAfter: exception.retryAfter ?? 60 };
    }
    if (exception.code === 'validation_failed') return { status: 400, body: PublicApiError.validation(validationMessages(exception)).body };
    if (exception.status >= 500) return { status: 500, body: PublicApiError.internal().body };
    // Herald's own refusal (issue 16): Nest's body, plus the code a client can act on.
    if (exception.code === 'media_not_uploaded') return { status: 400, body: { message: exception.message, error: reasonPhrase(400), statusCode: 400, code: exception.code } };
    return { status: exception.status, body: PublicApiError.nest(exception.status, exception.message).body };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isRecord(response) && (typeof response['message'] === 'string' || Array.isArray(response['message']))) {
      const message = response['message'];
      return {
        status,
        body: Array.isArray(message)
          ? { message: message.map(String), error: reasonPhrase(status), statusCode: status }
          : { message, error: typeof response['error'] === 'string' ? response['error'] : reasonPhrase(status), statusCode: status },
      };
    }
    return { status, body: PublicApiError.nest(status, exception.message).body };
  }
  return { status: 500, body: PublicApiError.internal().body };
}

@Catch()
export class PublicApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, retryAfter } = toPublicErrorResponse(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'public API error');
    if (response.headersSent) return;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    response.status(status).json(body);
  }
}
