import { AppError } from '../common/app-error';
import { toPostizCreateError, toPostizEditError } from './post-errors';
import { type PublicApiError } from './public-api-error';

const channels = new Map([['ch-x', { name: 'Acme', providerIdentifier: 'x' }]]);
const bodyOf = (error: unknown) => (error as PublicApiError).body;

describe('toPostizCreateError', () => {
  it('lists body problems in family C', () => {
    const error = AppError.validation('bad', [
      { field: 'date', code: 'isPostDate', message: 'date must be a valid ISO 8601 date string' },
      { field: 'posts.0.value', code: 'arrayMinSize', message: 'posts.0.value must contain at least 1 elements' },
    ]);
    expect(bodyOf(toPostizCreateError(error, channels))).toEqual({
      message: ['date must be a valid ISO 8601 date string', 'posts.0.value must contain at least 1 elements'],
      error: 'Bad Request',
      statusCode: 400,
    });
  });

  it("answers a channel's first content problem in family D, in Postiz's words", () => {
    const error = AppError.validation('bad', [
      { channel: 'ch-x', field: 'posts.0.value.0.content', code: 'text_too_long', message: 'X allows 280 characters; this has 300.' },
      { channel: 'ch-x', field: 'posts.0.value.0.image', code: 'too_many_media', message: 'Too many.' },
    ]);
    expect(bodyOf(toPostizCreateError(error, channels))).toEqual({ statusCode: 400, provider: 'x', name: 'Acme', message: 'post is too long, please fix it' });
  });

  it('answers an unknown channel in family B', () => {
    const error = AppError.validation('bad', [{ channel: 'nope', field: 'posts.0.integration.id', code: 'channel_not_found', message: 'not found' }]);
    expect(bodyOf(toPostizCreateError(error, channels))).toEqual({ message: 'Integration with id nope not found', error: 'Bad Request', statusCode: 400 });
  });

  it('turns the republish guard into a 400 and leaves unknown errors alone', () => {
    const published = toPostizCreateError(AppError.conflict('post_already_published', 'Already published.'), channels) as PublicApiError;
    expect(published.status).toBe(400);
    const plain = new Error('boom');
    expect(toPostizCreateError(plain, channels)).toBe(plain);
  });
});

describe('toPostizEditError', () => {
  it('prefixes the channel name (family B)', () => {
    const error = AppError.validation('bad', [{ channel: 'ch-x', field: 'posts.0.settings.who_can_reply_post', code: 'isIn', message: 'who_can_reply_post must be one of …' }]);
    expect(bodyOf(toPostizEditError(error, 'Acme'))).toEqual({ message: 'Acme: who_can_reply_post must be one of …', error: 'Bad Request', statusCode: 400 });
  });
});
