import { hmacSha1Signature, percentEncode, signatureBaseString } from './oauth1';

// The verifier that X specs rely on must itself reproduce the published vectors (docs/platforms.md A.3).
describe('OAuth 1.0a signature helper (spec support)', () => {
  it('percent-encodes like X documents', () => {
    expect(percentEncode('Ladies + Gentlemen')).toBe('Ladies%20%2B%20Gentlemen');
    expect(percentEncode('Dogs, Cats & Mice')).toBe('Dogs%2C%20Cats%20%26%20Mice');
    expect(percentEncode('☃')).toBe('%E2%98%83');
  });

  it('reproduces the "Creating a signature" example for api.x.com', () => {
    const params: Array<[string, string]> = [
      ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
      ['include_entities', 'true'],
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ];
    const sign = (url: string): string =>
      hmacSha1Signature(
        signatureBaseString('POST', url, params),
        'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
        'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      );
    expect(sign('https://api.x.com/1.1/statuses/update.json')).toBe('Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
    expect(sign('https://api.twitter.com/1.1/statuses/update.json')).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('reproduces RFC 5849 §1.2 temporary credentials', () => {
    const base = signatureBaseString('POST', 'https://photos.example.net/initiate', [
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131200'],
      ['oauth_nonce', 'wIjqoS'],
      ['oauth_callback', 'http://printer.example.com/ready'],
    ]);
    expect(hmacSha1Signature(base, 'kd94hf93k423kf44')).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
  });
});
