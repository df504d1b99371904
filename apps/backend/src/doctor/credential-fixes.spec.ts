import type { CredentialsCheck, CredentialsProblem } from '@herald/providers';
import { describeCredentials, type PlatformApp } from './credential-fixes';

const ctx = { frontendUrl: 'https://herald.example.com', backendPublicUrl: 'https://api.herald.example.com', apiUrl: 'https://api.x.com', appId: '1234567890' };
const failed = (problem: CredentialsProblem, message = 'platform words'): CredentialsCheck => ({ status: 'failed', problem, message });

describe('describeCredentials', () => {
  it.each<[PlatformApp, CredentialsProblem, string, RegExp]>([
    ['x', 'invalid_credentials', 'X rejected the API key (code 32)', /Keys and tokens into X_API_KEY and X_API_SECRET/],
    ['x', 'callback_not_approved', 'X does not have https://herald.example.com/integrations/social/x as a callback URL (code 415)', /User authentication settings/],
    ['x', 'app_suspended', 'X has suspended this app (code 416)', /X developer portal/],
    ['x', 'unreachable', 'could not reach X at https://api.x.com (platform words)', /internet access/],
    ['x', 'unexpected', 'X answered unexpectedly: platform words', /regenerate the keys/],
    ['facebook', 'invalid_client_id', 'Meta does not know app id 1234567890 (code 101)', /App settings → Basic into FACEBOOK_APP_ID/],
    ['facebook', 'invalid_client_secret', 'Meta rejected the app secret of app 1234567890', /FACEBOOK_APP_SECRET/],
    ['facebook', 'callback_not_approved', 'Meta refused the redirect URI', /integrations\/social\/facebook and https:\/\/herald\.example\.com\/integrations\/social\/instagram/],
    ['instagram-standalone', 'invalid_client_id', 'Instagram does not know app id 1234567890 (code 101)', /INSTAGRAM_APP_ID/],
    ['instagram-standalone', 'invalid_client_secret', 'Instagram rejected the app secret of app 1234567890', /INSTAGRAM_APP_SECRET/],
  ])('%s %s → %s', (app, problem, message, fix) => {
    const result = describeCredentials(app, failed(problem), ctx);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(message);
    expect(result.fix).toMatch(fix);
    expect(result.fix).toMatch(/\.$/);
  });

  it('tells a localhost X setup to use 127.0.0.1, which X accepts', () => {
    const result = describeCredentials('x', failed('callback_not_approved'), { ...ctx, frontendUrl: 'http://localhost:4200' });
    expect(result.fix).toBe(
      'X refuses localhost callbacks: set FRONTEND_URL=http://127.0.0.1:4200 and add http://127.0.0.1:4200/integrations/social/x under User authentication settings → Callback URI.',
    );
  });

  it('shows the approved X callback when the keys work', () => {
    expect(describeCredentials('x', { status: 'ok' }, ctx)).toEqual({
      status: 'ok',
      message: 'API key accepted, and X approves the callback https://herald.example.com/integrations/social/x',
    });
  });

  it('lists what to register in Meta, which doctor cannot read back', () => {
    const result = describeCredentials('facebook', { status: 'ok' }, ctx);
    expect(result.status).toBe('ok');
    expect(result.details).toEqual([
      'Valid OAuth Redirect URIs: https://herald.example.com/integrations/social/facebook  https://herald.example.com/integrations/social/instagram',
      'Deauthorize callback URL: https://api.herald.example.com/integrations/meta/deauthorize',
      'Data deletion request URL: https://api.herald.example.com/integrations/meta/data-deletion',
    ]);
  });

  it('marks Instagram Login as not checkable rather than broken', () => {
    const result = describeCredentials('instagram-standalone', { status: 'skipped', message: 'provider words' }, ctx);
    expect(result.status).toBe('skip');
    expect(result.details?.[0]).toBe('Valid OAuth Redirect URIs: https://herald.example.com/integrations/social/instagram-standalone');
  });
});
