import type { ProviderErrorKind } from '../contracts/provider-error';
import { graphError, NOW } from '../testing/meta-fixture';
import { classifyGraphError, type GraphFailure } from './graph.errors';

const failure = (body: unknown, extra: Partial<GraphFailure> = {}): GraphFailure => ({
  provider: 'instagram',
  status: 400,
  body,
  headers: {},
  sideEffect: false,
  refreshable: false,
  now: NOW,
  ...extra,
});

describe('classifyGraphError', () => {
  it.each<[string, ProviderErrorKind, unknown, Partial<GraphFailure>]>([
    ['expired token on a refreshable provider', 'refresh_token', graphError(190, 463, 'Error validating access token: Session has expired'), { refreshable: true }],
    ['expired Page token (cannot refresh)', 'reconnect', graphError(190, 463), {}],
    ['password changed', 'reconnect', graphError(190, 460), { refreshable: true }],
    ['app removed by user', 'reconnect', graphError(190, 458), { refreshable: true }],
    ['missing permission', 'reconnect', graphError(200, undefined, '(#200) Requires pages_manage_posts permission'), {}],
    ['permission denied', 'reconnect', graphError(10), {}],
    ['account restricted', 'reconnect', graphError(25, 2207050), {}],
    ['non-JPEG image', 'bad_content', graphError(36001, 2207005), {}],
    ['caption too long', 'bad_content', graphError(36004, 2207010), {}],
    ['unsupported video', 'bad_content', graphError(352, 2207026), {}],
    ['image too large', 'bad_content', graphError(36000, 2207004, 'The image size is too large.'), {}],
    ['duplicate Page post on a read', 'bad_content', graphError(506, undefined, 'Duplicate status message'), {}],
    ['duplicate Page post on a write: perhaps our own', 'unknown_outcome', graphError(506, undefined, 'Duplicate status message'), { sideEffect: true }],
    ['media not ready', 'retry_later', graphError(9007, 2207027, 'Media ID is not available', { is_transient: false }), {}],
    ['daily publishing limit', 'retry_later', graphError(9, 2207042), {}],
    ['app rate limit', 'retry_later', graphError(4), {}],
    ['user rate limit', 'retry_later', graphError(17), {}],
    ['pages rate limit', 'retry_later', graphError(32), {}],
    ['custom rate limit', 'retry_later', graphError(613), {}],
    ['Instagram BUC limit', 'retry_later', graphError(80002), {}],
    ['transient on a read', 'retry_later', graphError(2, undefined, 'Service temporarily unavailable'), { status: 500 }],
    ['transient on a write', 'unknown_outcome', graphError(2), { status: 500, sideEffect: true }],
    ['bare 502 on a write', 'unknown_outcome', 'Bad Gateway', { status: 502, sideEffect: true }],
    ['redirect mismatch', 'platform_error', graphError(100, 36008, 'Error validating verification code.'), {}],
    ['Instagram Login token error', 'platform_error', { error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' }, {}],
  ])('%s → %s', (_name, kind, body, extra) => {
    expect(classifyGraphError(failure(body, extra)).kind).toBe(kind);
  });

  it.each<[string, Record<string, unknown>, number, boolean]>([
    ['application limit (4)', graphError(4), 400, true],
    ['user limit (17)', graphError(17), 400, true],
    ['page limit (32)', graphError(32), 400, true],
    ['temporarily blocked (368)', graphError(368), 400, true],
    ['business use case limit (80002)', graphError(80002), 400, true],
    ['Instagram daily publishing limit (9/2207042)', graphError(9, 2207042), 400, true],
    ['429', graphError(1), 429, true],
    ['a transient 2: not a rate limit', graphError(2), 400, false],
    ['a 5xx: not a rate limit', graphError(1), 503, false],
  ])('the rate-limit verdict for %s is %s', (_name, body, status, rateLimited) => {
    expect(classifyGraphError(failure(body, { status })).rateLimited).toBe(rateLimited);
  });

  it('keeps the platform code, subcode and message and prefers the user-facing text', () => {
    const error = classifyGraphError(
      failure(graphError(9007, 2207027, 'Media ID is not available', { error_user_msg: 'The media is not ready for publishing, please wait for a moment' })),
    );
    expect(error.platform).toEqual({ httpStatus: 400, code: 9007, subcode: 2207027, type: 'OAuthException', message: 'Media ID is not available' });
    expect(error.message).toBe('The media is not ready for publishing, please wait for a moment');
    expect(error.retryAt).toEqual(new Date(NOW.getTime() + 60_000));
  });

  it('takes the retry time from X-Business-Use-Case-Usage (minutes)', () => {
    const usage = JSON.stringify({ '17841405822304914': [{ type: 'instagram', call_count: 100, total_cputime: 25, total_time: 25, estimated_time_to_regain_access: 19 }] });
    const error = classifyGraphError(failure(graphError(80002), { headers: { 'x-business-use-case-usage': usage } }));
    expect(error.retryAt).toEqual(new Date(NOW.getTime() + 19 * 60_000));
  });

  it('prefers Retry-After when present', () => {
    const error = classifyGraphError(failure(graphError(4), { headers: { 'retry-after': '120' } }));
    expect(error.retryAt).toEqual(new Date(NOW.getTime() + 120_000));
  });

  it('a permission the channel can be granted again: reconnect, naming it', () => {
    const error = classifyGraphError(
      failure(graphError(200, undefined, '(#200) Permissions error'), { provider: 'facebook', needs: ['pages_manage_engagement'], grantable: ['pages_manage_posts', 'pages_manage_engagement'] }),
    );
    expect(error.kind).toBe('reconnect');
    expect(error.missingPermissions).toEqual(['pages_manage_engagement']);
    expect(error.message).toBe(
      "Facebook refused the call: it needs the pages_manage_engagement permission, which this channel's grant lacks (Facebook said: (#200) Permissions error). Reconnect the channel and allow pages_manage_engagement.",
    );
  });

  it('a permission Herald does not ask for: no reconnect, since it would not help', () => {
    const error = classifyGraphError(failure(graphError(10, undefined, '(#10) Application does not have permission for this action'), { needs: ['instagram_manage_comments'], grantable: ['instagram_basic'] }));
    expect(error.kind).toBe('platform_error');
    expect(error.missingPermissions).toEqual([]);
    expect(error.message).toContain('it needs instagram_manage_comments, which Herald does not ask for when connecting, so reconnecting will not help');
  });

  it('does not read numbers out of messages', () => {
    const error = classifyGraphError(failure(graphError(100, undefined, 'Invalid parameter 490 (#190) 2207042')));
    expect(error.kind).toBe('platform_error');
  });
});
