import { ProviderError } from './contracts/provider-error';
import { describeConnectError } from './describe-connect-error';

const ctx = { callbackUrl: 'https://herald.example/integrations/social/x' };

describe('describeConnectError', () => {
  it.each([
    [new ProviderError('misconfigured', 'x', 'Could not authenticate you.', { platform: { code: 32 } }), 'X rejected the app\'s key: check X_API_KEY and X_API_SECRET'],
    [new ProviderError('misconfigured', 'x', 'Callback URL not approved', { platform: { code: 415 } }), 'add it exactly to your X app\'s callback URLs'],
    [new ProviderError('misconfigured', 'x', 'cannot write', { platform: { code: 261 } }), '"Read and write"'],
    [new ProviderError('platform_error', 'facebook', 'bad', { platform: { code: 101 } }), 'check FACEBOOK_APP_ID and FACEBOOK_APP_SECRET'],
    [new ProviderError('reconnect', 'instagram', '(#10) not allowed', { platform: { code: 10 } }), 'development mode'],
    [new ProviderError('access_denied', 'instagram-standalone', 'denied'), 'declined'],
    [new ProviderError('platform_error', 'instagram-standalone', 'Matching code was not found or was already used', { platform: { code: 400, message: 'Matching code was not found or was already used' } }), 'Matching code was not found'],
  ])('%#: explains %s', (error, expected) => {
    expect(describeConnectError(error, ctx)).toContain(expected);
  });

  it('names the callback URL that must be registered', () => {
    const error = new ProviderError('misconfigured', 'x', 'Callback URL not approved', { platform: { code: 415 } });
    expect(describeConnectError(error, ctx)).toContain('https://herald.example/integrations/social/x');
  });
});
