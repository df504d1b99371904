import { AppError } from '@herald/core';

/** A JSON body that must be an object (the use cases check its fields and name each bad one). */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw AppError.validation('The body must be a JSON object.', [{ field: 'body', code: 'isObject', message: 'must be a JSON object' }]);
  return body as Record<string, unknown>;
}

/** `?dryRun=true|false` (false when absent). */
export function dryRunOf(raw: unknown): boolean {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  throw AppError.validation('dryRun is invalid.', [{ field: 'dryRun', code: 'isBoolean', message: 'dryRun must be true or false' }]);
}
