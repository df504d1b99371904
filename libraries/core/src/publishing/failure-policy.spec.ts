import { ProviderError } from '@herald/providers';
import { decideFailure, isRateLimit } from './failure-policy';
import { publishingOptions } from './publishing.options';

const now = new Date('2026-11-28T12:00:00Z');
const options = publishingOptions({ backoffBaseMs: 1_000, backoffMaxMs: 8_000, maxAttempts: 4 });
const inMs = (ms: number) => new Date(now.getTime() + ms);

describe('decideFailure', () => {
  it.each([
    ['X 429 with its reset', new ProviderError('retry_later', 'x', 'Too Many Requests', { retryAt: inMs(90_000), platform: { httpStatus: 429 } }), { action: 'rate_limited', until: inMs(90_000), scope: 'channel' }],
    [
      'X 429 for the app’s cap',
      new ProviderError('retry_later', 'x', 'Too Many Requests', { retryAt: inMs(90_000), rateLimitScope: 'app', platform: { httpStatus: 429 } }),
      { action: 'rate_limited', until: inMs(90_000), scope: 'app' },
    ],
    ['X code 88', new ProviderError('retry_later', 'x', 'Rate limit exceeded', { retryAt: inMs(60_000), rateLimited: true, platform: { httpStatus: 400, code: 88 } }), { action: 'rate_limited', until: inMs(60_000) }],
    ['X usage cap', new ProviderError('retry_later', 'x', 'capped', { retryAt: inMs(3_600_000), rateLimited: true, platform: { type: 'https://api.x.com/2/problems/usage-capped' } }), { action: 'rate_limited' }],
    ['Graph code 4', new ProviderError('retry_later', 'facebook', 'Application request limit reached', { retryAt: inMs(900_000), rateLimited: true, platform: { httpStatus: 400, code: 4 } }), { action: 'rate_limited', until: inMs(900_000) }],
    ['Instagram daily publishing limit', new ProviderError('retry_later', 'instagram', 'limit', { retryAt: inMs(3_600_000), rateLimited: true, platform: { code: 9, subcode: 2207042 } }), { action: 'rate_limited', until: inMs(3_600_000) }],
    ['a 429 without a reset waits 15 minutes', new ProviderError('retry_later', 'x', 'slow down', { platform: { httpStatus: 429 } }), { action: 'rate_limited', until: inMs(15 * 60_000) }],
    ['a 5xx before acceptance backs off', new ProviderError('retry_later', 'instagram', 'Service unavailable', { retryAt: inMs(60_000), platform: { httpStatus: 500 } }), { action: 'retry', at: inMs(1_000) }],
    ['a network error before sending backs off', new ProviderError('retry_later', 'x', 'ECONNREFUSED', { requestSent: false }), { action: 'retry', at: inMs(1_000) }],
    ['an unknown outcome keeps the container id', new ProviderError('unknown_outcome', 'instagram', 'socket hang up', { outcomeHint: { containerId: 'c1' } }), { action: 'unconfirmed', hint: { containerId: 'c1' } }],
    ['an expired token is refreshed', new ProviderError('refresh_token', 'instagram-standalone', 'expired', { platform: { code: 190, subcode: 463 } }), { action: 'refresh' }],
    ['a revoked grant needs a reconnect', new ProviderError('reconnect', 'facebook', 'Error validating access token', { platform: { code: 190, subcode: 460 } }), { action: 'reconnect' }],
    ['bad content keeps the platform message', new ProviderError('bad_content', 'x', 'duplicate', { platform: { message: 'You are not allowed to create a Tweet with duplicate content.' } }), { action: 'fail', errorCode: 'bad_content', message: 'You are not allowed to create a Tweet with duplicate content.' }],
    ['a misconfigured app', new ProviderError('misconfigured', 'x', 'Could not authenticate you'), { action: 'fail', errorCode: 'provider_misconfigured' }],
    ['an unknown platform error', new ProviderError('platform_error', 'facebook', 'Unsupported post request'), { action: 'fail', errorCode: 'platform_error' }],
  ])('%s', (_label, error, expected) => {
    expect(decideFailure(error, 1, options, now)).toMatchObject(expected);
  });

  it('doubles the backoff with each transient failure, up to the cap', () => {
    const error = new ProviderError('retry_later', 'x', 'ETIMEDOUT', { requestSent: false });
    expect([1, 2, 3].map((attempt) => decideFailure(error, attempt, publishingOptions({ backoffBaseMs: 1_000, backoffMaxMs: 3_000, maxAttempts: 9 }), now))).toEqual([
      expect.objectContaining({ at: inMs(1_000) }),
      expect.objectContaining({ at: inMs(2_000) }),
      expect.objectContaining({ at: inMs(3_000) }),
    ]);
  });

  it('gives up after the last allowed transient failure, but never on a rate limit', () => {
    const transient = new ProviderError('retry_later', 'x', 'Bad gateway', { platform: { httpStatus: 502, message: 'Bad gateway' } });
    expect(decideFailure(transient, 4, options, now)).toEqual({ action: 'fail', errorCode: 'retries_exhausted', message: 'Gave up after 4 attempts: Bad gateway' });
    const limited = new ProviderError('retry_later', 'x', 'Too Many Requests', { retryAt: inMs(1_000), platform: { httpStatus: 429 } });
    expect(decideFailure(limited, 40, options, now).action).toBe('rate_limited');
  });

  // Which platform codes are rate limits is the providers' knowledge (x.errors.spec, graph.errors.spec): core reads
  // their verdict, `rateLimited`, and knows no platform's codes.
  it('does not take an X authentication code for a Graph rate limit', () => {
    expect(isRateLimit(new ProviderError('retry_later', 'x', 'x', { platform: { code: 4 } }))).toBe(false);
    expect(isRateLimit(new ProviderError('misconfigured', 'facebook', 'x', { platform: { code: 4 } }))).toBe(false);
  });
});
