import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"event":"post.published"}';

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhookBody(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature, and refuses another body, secret or an old timestamp', () => {
    const header = signWebhookBody(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_010)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header, 1_700_000_010)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', body, header, 1_700_000_010)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, 1_700_001_000)).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'garbage', 1_700_000_000)).toBe(false);
  });

  it('makes long random secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
