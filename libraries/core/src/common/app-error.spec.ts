import { ERROR_HTTP_STATUS, isApiErrorBody } from '@herald/shared';
import { AppError } from './app-error';

describe('AppError', () => {
  it('takes its status from the shared table, for every code', () => {
    for (const [code, status] of Object.entries(ERROR_HTTP_STATUS)) {
      expect(new AppError(code as keyof typeof ERROR_HTTP_STATUS, 'm').status).toBe(status);
    }
  });

  it.each<[string, AppError, number]>([
    ['a conflict', AppError.conflict('post_already_published', 'Published.'), 409],
    ['a refused password', AppError.forbidden('password_incorrect', 'Wrong.'), 403],
    ['too many attempts', AppError.tooManyRequests('Wait.', 60, 'too_many_attempts'), 429],
    ['an unknown provider', new AppError('unknown_provider', 'No such provider.'), 404],
  ])('%s answers the status of its code', (_name, error, status) => {
    expect(error.status).toBe(status);
    // What the dashboard reads back is an error body it recognises, whatever the code.
    expect(isApiErrorBody({ statusCode: error.status, code: error.code, message: error.message })).toBe(true);
  });
});
