import { oauth1Authorization, percentEncode } from './x.oauth1';
import { parseAuthorizationHeader } from '../testing/oauth1';

// The signer behind the tweet request must reproduce X's published worked example (docs/platforms.md A.3).
describe('oauth1Authorization', () => {
  const credentials = {
    consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
    consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  };
  const fixed = { nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958 };
  const body = [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] as const;

  it('percent-encodes like X documents', () => {
    expect(percentEncode('Ladies + Gentlemen')).toBe('Ladies%20%2B%20Gentlemen');
    expect(percentEncode('Dogs, Cats & Mice')).toBe('Dogs%2C%20Cats%20%26%20Mice');
    expect(percentEncode('☃')).toBe('%E2%98%83');
    expect(percentEncode("a!*'()b")).toBe('a%21%2A%27%28%29b');
  });

  it('reproduces the worked example, for both base URLs it was published with', () => {
    for (const [origin, signature] of [
      ['https://api.x.com', 'Ls93hJiZbQ3akF3HF3x1Bz8/zU4='],
      ['https://API.Twitter.com:443', 'hCtSmYh+iHYCEqBWrE7C7hYmtUk='],
    ] as const) {
      const header = oauth1Authorization('post', new URL(`${origin}/1.1/statuses/update.json?include_entities=true`), credentials, { ...fixed, bodyParams: body });
      expect(parseAuthorizationHeader(header)).toEqual({
        oauth_consumer_key: credentials.consumerKey,
        oauth_nonce: fixed.nonce,
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: String(fixed.timestamp),
        oauth_token: credentials.token,
        oauth_version: '1.0',
        oauth_signature: signature,
      });
    }
  });

  it('sorts by encoded key, then value, not by the joined pair', () => {
    // "a1=…" would sort before "a=…" as a string; the RFC puts key "a" first.
    const url = new URL('https://api.x.com/2/tweets?a1=x&a=y&a=b');
    const header = oauth1Authorization('GET', url, credentials, fixed);
    const ordered = oauth1Authorization('GET', new URL('https://api.x.com/2/tweets?a=b&a=y&a1=x'), credentials, fixed);
    expect(header).toBe(ordered);
  });

  it('uses a fresh nonce and the current time by default', () => {
    const url = new URL('https://api.x.com/2/tweets');
    const a = parseAuthorizationHeader(oauth1Authorization('POST', url, credentials));
    const b = parseAuthorizationHeader(oauth1Authorization('POST', url, credentials));
    expect(a.oauth_nonce).not.toBe(b.oauth_nonce);
    expect(Math.abs(Number(a.oauth_timestamp) - Date.now() / 1000)).toBeLessThan(5);
  });
});
