import { createHmac } from 'node:crypto';
import { signedRequestId, signRequest, SignedRequestError, verifySignedRequest } from './signed-request';

const SECRET = 'facebook-app-secret';
const OTHER = 'instagram-app-secret';
const NOW = new Date('2026-11-28T12:00:00Z');
const issuedAt = Math.floor(NOW.getTime() / 1000) - 30;

// A vector written out by hand, so the test does not only check signRequest against itself.
const PAYLOAD = Buffer.from('{"algorithm":"HMAC-SHA256","issued_at":1795867170,"user_id":"100000000000101"}').toString('base64url');
const VECTOR = `${createHmac('sha256', SECRET).update(PAYLOAD).digest('base64url')}.${PAYLOAD}`;

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof SignedRequestError ? error.problem : 'other';
  }
}

describe('verifySignedRequest', () => {
  it('accepts a good request and returns its payload', () => {
    const payload = verifySignedRequest(VECTOR, [SECRET], { now: new Date(1795867200 * 1000) });
    expect(payload).toMatchObject({ algorithm: 'HMAC-SHA256', user_id: '100000000000101', issued_at: 1795867170 });
  });

  it('accepts either configured app secret', () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: '42', issued_at: issuedAt }, OTHER);
    expect(verifySignedRequest(signed, [SECRET, OTHER], { now: NOW }).user_id).toBe('42');
  });

  it.each([
    ['a wrong signature', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1', issued_at: issuedAt }, 'wrong'), [SECRET], { now: NOW }), 'bad_signature'],
    ['a bad algorithm', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA1', user_id: '1', issued_at: issuedAt }, SECRET), [SECRET], { now: NOW }), 'bad_algorithm'],
    ['a truncated request', () => verifySignedRequest(VECTOR.slice(0, VECTOR.indexOf('.') + 10), [SECRET], { now: NOW }), 'bad_signature'],
    ['no dot', () => verifySignedRequest(VECTOR.replace('.', ''), [SECRET], { now: NOW }), 'malformed'],
    ['an old timestamp', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1', issued_at: issuedAt - 7200 }, SECRET), [SECRET], { now: NOW }), 'expired'],
    ['one issued ten minutes ago (past the five-minute window)', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1', issued_at: issuedAt - 570 }, SECRET), [SECRET], { now: NOW }), 'expired'],
    ['one past its own expires', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1', issued_at: issuedAt, expires: issuedAt + 10 }, SECRET), [SECRET], { now: NOW }), 'expired'],
    ['a future timestamp', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1', issued_at: issuedAt + 3600 }, SECRET), [SECRET], { now: NOW }), 'issued_in_future'],
    ['a missing user id', () => verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', issued_at: issuedAt }, SECRET), [SECRET], { now: NOW }), 'malformed'],
    ['a tampered payload', () => verifySignedRequest(`${VECTOR.split('.')[0]}.${Buffer.from('{"algorithm":"HMAC-SHA256","issued_at":1795867170,"user_id":"666"}').toString('base64url')}`, [SECRET], { now: NOW }), 'bad_signature'],
  ])('refuses %s', (_name, run, problem) => {
    expect(problemOf(run)).toBe(problem);
  });

  it('accepts one issued four minutes ago, and names a request by its signature', () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: '7', issued_at: issuedAt - 210 }, SECRET);
    expect(verifySignedRequest(signed, [SECRET], { now: NOW }).user_id).toBe('7');
    expect(signedRequestId(signed)).toMatch(/^[0-9a-f]{64}$/);
    expect(signedRequestId(signed)).toBe(signedRequestId(signed));
    expect(signedRequestId(signed)).not.toBe(signedRequestId(signRequest({ algorithm: 'HMAC-SHA256', user_id: '8', issued_at: issuedAt - 210 }, SECRET)));
  });
});
