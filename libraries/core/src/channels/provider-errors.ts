import { describeConnectError, isProviderError, ProviderNotConfiguredError } from '@herald/providers';
import { AppError } from '../common/app-error';

/** Turns a platform failure during connect into Herald's error shape, with a sentence that says what to change. */
export function toConnectError(error: unknown, callbackUrl: string): unknown {
  if (error instanceof ProviderNotConfiguredError) return notConfigured(error);
  if (!isProviderError(error)) return error;
  const message = describeConnectError(error, { callbackUrl });
  if (error.kind === 'access_denied') return AppError.badRequest('access_denied', message);
  if (error.missingPermissions.length > 0) {
    return AppError.badRequest(
      'missing_permission',
      message,
      error.missingPermissions.map((permission) => ({ field: 'permissions', code: permission, message: `${permission} was not granted` })),
    );
  }
  const platform = error.platform;
  return new AppError('platform_error', message, [
    { code: platform.code !== undefined ? String(platform.code) : error.kind, message: platform.message ?? error.message },
  ]);
}

export function notConfigured(error: ProviderNotConfiguredError): AppError {
  return AppError.badRequest(
    'provider_not_configured',
    `${error.identifier} is not configured on this server: set ${error.missingEnv.join(' and ')} and restart.`,
    error.missingEnv.map((variable) => ({ field: variable, message: `${variable} is not set` })),
  );
}
