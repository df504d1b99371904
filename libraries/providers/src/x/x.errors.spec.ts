import type { ProviderErrorKind } from '../contracts/provider-error';
import { classifyXResponse, exhaustedLimits } from './x.errors';

const NOW = new Date('2026-03-01T12:00:00Z');
const write = { sideEffect: true, now: () => NOW };
const read = { sideEffect: false, now: () => NOW };

describe('classifyXResponse', () => {
  it.each<[string, ProviderErrorKind, number, unknown, boolean]>([
    ['v1 rate limit (88)', 'retry_later', 429, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }, false],
    ['revoked token (89)', 'reconnect', 401, { errors: [{ code: 89, message: 'Invalid or expired token.' }] }, false],
    ['bad consumer key (32)', 'misconfigured', 401, { errors: [{ code: 32, message: 'Could not authenticate you.' }] }, false],
    ['clock skew (135)', 'misconfigured', 401, { errors: [{ code: 135, message: 'Timestamp out of bounds.' }] }, false],
    ['v1 duplicate (187): perhaps our own, looked for', 'unknown_outcome', 403, { errors: [{ code: 187, message: 'Status is a duplicate.' }] }, true],
    ['v2 duplicate: perhaps our own, looked for', 'unknown_outcome', 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }, true],
    ['media id not found (325)', 'bad_content', 400, { errors: [{ code: 325, message: 'A media id was not found.' }] }, true],
    ['usage capped', 'retry_later', 429, { title: 'UsageCapExceeded', type: 'https://api.x.com/2/problems/usage-capped', period: 'Daily', scope: 'Product' }, true],
    ['403 on a read is not content', 'platform_error', 403, { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' }, false],
    ['5xx on a read', 'retry_later', 503, 'Service Unavailable', false],
    ['JSON error sent as text', 'misconfigured', 403, '{"errors":[{"code":415,"message":"Callback URL not approved"}]}', false],
  ])('%s → %s', (_name, kind, status, body, sideEffect) => {
    expect(classifyXResponse(status, body, {}, sideEffect ? write : read).kind).toBe(kind);
  });

  it.each<[string, number, unknown, boolean]>([
    ['429', 429, { title: 'Too Many Requests', type: 'about:blank', status: 429 }, true],
    ['v1 rate limit (88)', 429, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }, true],
    ['daily update limit (185)', 403, { errors: [{ code: 185, message: 'User is over daily status update limit.' }] }, true],
    ['usage capped', 429, { title: 'UsageCapExceeded', type: 'https://api.x.com/2/problems/usage-capped', period: 'Daily', scope: 'Product' }, true],
    ['5xx: transient, not a rate limit', 503, 'Service Unavailable', false],
    ['X code 4 is not a Graph rate limit', 400, { errors: [{ code: 4, message: 'x' }] }, false],
  ])('the rate-limit verdict for %s is %s', (_name, status, body, rateLimited) => {
    expect(classifyXResponse(status, body, {}, read).rateLimited).toBe(rateLimited);
  });

  it('marks a duplicate refusal so that the post is looked for from its creation, keeping X’s words', () => {
    const error = classifyXResponse(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }, {}, write);
    expect(error).toMatchObject({ kind: 'unknown_outcome', outcomeHint: { duplicate: true }, platform: { httpStatus: 403, message: 'You are not allowed to create a Tweet with duplicate content.' } });
    expect(classifyXResponse(403, { detail: 'You are not permitted to perform this action.', status: 403 }, {}, write).outcomeHint).toBeUndefined();
  });

  it('waits a day for a usage cap without reset headers', () => {
    const error = classifyXResponse(429, { type: 'https://api.x.com/2/problems/usage-capped', period: 'Daily' }, {}, write);
    expect(error.retryAt).toEqual(new Date(NOW.getTime() + 24 * 60 * 60_000));
  });

  it('keeps X’s own message and code', () => {
    const error = classifyXResponse(403, { errors: [{ code: 261, message: 'Your App cannot perform write actions.' }] }, {}, write);
    expect(error.platform).toEqual({ httpStatus: 403, code: 261, type: undefined, message: 'Your App cannot perform write actions.' });
    expect(error.message).toBe('Your App cannot perform write actions.');
  });
});

describe('rate-limit windows used up', () => {
  const at = (secondsFromNow: number) => String(NOW.getTime() / 1000 + secondsFromNow);

  it('a 429 with the app’s 24-hour cap used up is the whole app’s, else the channel’s', () => {
    const app = classifyXResponse(429, { title: 'Too Many Requests' }, { 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': at(3600) }, write);
    expect(app).toMatchObject({ kind: 'retry_later', rateLimitScope: 'app', retryAt: new Date(NOW.getTime() + 3600_000) });
    const user = classifyXResponse(429, { title: 'Too Many Requests' }, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': at(600), 'x-app-limit-24hour-remaining': '12' }, write);
    expect(user).toMatchObject({ kind: 'retry_later', rateLimitScope: 'channel', retryAt: new Date(NOW.getTime() + 600_000) });
  });

  it('reads from a successful answer which windows are now used up, until when', () => {
    expect(exhaustedLimits({ 'x-rate-limit-remaining': '3', 'x-rate-limit-reset': at(600), 'x-app-limit-24hour-remaining': '40', 'x-app-limit-24hour-reset': at(9000) }, NOW)).toEqual([]);
    expect(exhaustedLimits({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': at(600) }, NOW)).toEqual([{ scope: 'channel', until: new Date(NOW.getTime() + 600_000) }]);
    expect(
      exhaustedLimits(
        { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': at(600), 'x-user-limit-24hour-remaining': '0', 'x-user-limit-24hour-reset': at(7200), 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': at(3600) },
        NOW,
      ),
    ).toEqual([
      { scope: 'app', until: new Date(NOW.getTime() + 3600_000) },
      { scope: 'channel', until: new Date(NOW.getTime() + 7200_000) },
    ]);
    // A reset already past (or unreadable) pauses nothing.
    expect(exhaustedLimits({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': at(-5) }, NOW)).toEqual([]);
    expect(exhaustedLimits({ 'x-rate-limit-remaining': '0' }, NOW)).toEqual([]);
  });
});
