import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { AppError, type Logger } from '@herald/core';
import type { ApiErrorBody as ErrorBody, ErrorCode } from '@herald/shared';
import type { NextFunction, Request, Response } from 'express';

/** Errors raised by Nest or body-parser carry a status only: the code of the shared table that says it. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_encoding',
  429: 'rate_limited',
};

interface BodyParserError {
  type?: string;
  status: number;
}

/**
 * body-parser's own errors carry a `type`; the stream and zlib errors it passes on (a body that is not the gzip its
 * Content-Encoding claims) carry only http-errors' `status` and `expose`.
 */
function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null || !('status' in error) || typeof error.status !== 'number') return false;
  return ('type' in error && typeof error.type === 'string') || ('expose' in error && error.expose === true);
}

export function bodyParserErrorBody(error: BodyParserError): ErrorBody {
  if (error.type === 'entity.parse.failed') return { statusCode: 400, code: 'invalid_json', message: 'The request body is not valid JSON' };
  if (error.type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large' };
  return { statusCode: error.status, code: CODE_BY_STATUS[error.status] ?? 'bad_request', message: 'The request body could not be read' };
}

/** Body-parser failures answered before Nest's router sees them (Nest would turn them into a bare 400). */
export function bodyParserErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!isBodyParserError(error) || error.status >= 500) return next(error);
  const body = bodyParserErrorBody(error);
  res.status(body.statusCode).json(body);
}

/** The one place where errors become HTTP: `{statusCode, code, message, details?}`, never a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (exception instanceof AppError && exception.retryAfter !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfter))));
    }
    if (body.statusCode >= 500) this.logger.error({ err: exception }, 'unhandled error');
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status === 404 ? 'This route does not exist' : exception.message;
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'), message };
    }
    if (isBodyParserError(exception) && exception.status < 500) return bodyParserErrorBody(exception);
    return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side. It has been logged.' };
  }
}
