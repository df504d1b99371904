import { isErrorCode, type ErrorCode } from './error-codes';

/**
 * One entry of `details`. Validation errors name the field (a dotted path such as `posts.0.value.1.content`) and,
 * for posts, the channel (integration id) it belongs to.
 */
export interface ErrorDetail {
  field?: string;
  channel?: string;
  code?: string;
  message: string;
}

/** The body of every error response of the dashboard API (docs/http-api.md §3, Errors). */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d['message'] === 'string' &&
    (d['field'] === undefined || typeof d['field'] === 'string') &&
    (d['channel'] === undefined || typeof d['channel'] === 'string') &&
    (d['code'] === undefined || typeof d['code'] === 'string')
  );
}

/** For clients reading a response body they did not produce: narrows unknown JSON to an error body. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b['statusCode'] === 'number' &&
    isErrorCode(b['code']) &&
    typeof b['message'] === 'string' &&
    (b['details'] === undefined || (Array.isArray(b['details']) && b['details'].every(isErrorDetail)))
  );
}
