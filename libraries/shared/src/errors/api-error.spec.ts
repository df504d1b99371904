import { isApiErrorBody } from './api-error';
import { ERROR_CODES, ERROR_HTTP_STATUS, httpStatusOf, isErrorCode } from './error-codes';

describe('error codes', () => {
  it.each<[string, number]>([
    ['validation_failed', 400],
    ['invalid_state', 400],
    ['access_denied', 400],
    ['provider_not_configured', 400],
    ['invalid_credentials', 401],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['csrf_rejected', 403],
    ['not_found', 404],
    ['email_taken', 409],
    ['rate_limited', 429],
    ['post_already_published', 409],
    ['too_many_attempts', 429],
    ['unsupported_encoding', 415],
    ['platform_error', 502],
  ])('%s answers %i', (code, status) => {
    expect(isErrorCode(code)).toBe(true);
    if (isErrorCode(code)) expect(httpStatusOf(code)).toBe(status);
  });

  it('are stable snake_case words with an error status', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(ERROR_HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    }
  });

  it.each([undefined, 'toString', 'Not_Found', 42])('rejects %p', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });
});

describe('isApiErrorBody', () => {
  it.each<[string, unknown, boolean]>([
    ['a minimal body', { statusCode: 404, code: 'not_found', message: 'No such post.' }, true],
    [
      'a body with details',
      { statusCode: 400, code: 'validation_failed', message: 'Fix the post.', details: [{ channel: 'c1', field: 'posts.0.value.0.content', code: 'text_too_long', message: 'Too long.' }] },
      true,
    ],
    ['an unknown code', { statusCode: 400, code: 'oops', message: 'x' }, false],
    ['a Postiz family-C body', { message: ['date must be a valid ISO 8601 date string'], error: 'Bad Request', statusCode: 400 }, false],
    ['details without messages', { statusCode: 400, code: 'validation_failed', message: 'x', details: [{ field: 'a' }] }, false],
    ['null', null, false],
  ])('%s → %p', (_case, body, expected) => {
    expect(isApiErrorBody(body)).toBe(expected);
  });
});
