import { baseStringUri, hmacSha1Signature, normalizeParameters, parseOAuthHeader, percentEncode, signatureBaseString, type OAuthParam } from './oauth1-signature';

function sign(method: string, url: string, params: OAuthParam[], consumerSecret: string, tokenSecret: string): { base: string; signature: string } {
  const base = signatureBaseString(method, baseStringUri(new URL(url)), params);
  return { base, signature: hmacSha1Signature(base, consumerSecret, tokenSecret) };
}

describe('OAuth 1.0a signature (docs/platforms.md A.3)', () => {
  describe('percent-encoding', () => {
    it.each([
      ['Ladies + Gentlemen', 'Ladies%20%2B%20Gentlemen'],
      ['Dogs, Cats & Mice', 'Dogs%2C%20Cats%20%26%20Mice'],
      ['☃', '%E2%98%83'],
      ["!*'()", '%21%2A%27%28%29'],
      ['-._~', '-._~'],
    ])('encodes %j as %j', (input, expected) => {
      expect(percentEncode(input)).toBe(expected);
    });
  });

  describe("X's 'Creating a signature' example", () => {
    const params: OAuthParam[] = [
      ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
      ['include_entities', 'true'],
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ];
    const consumerSecret = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
    const tokenSecret = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';

    it('builds the documented base string for api.x.com', () => {
      const { base } = sign('post', 'https://api.x.com/1.1/statuses/update.json?include_entities=true', params, consumerSecret, tokenSecret);
      expect(base).toBe(
        'POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
      );
      expect(base.split('&')).toHaveLength(3);
    });

    it.each([
      ['https://api.x.com/1.1/statuses/update.json', 'Ls93hJiZbQ3akF3HF3x1Bz8/zU4='],
      ['https://api.twitter.com/1.1/statuses/update.json', 'hCtSmYh+iHYCEqBWrE7C7hYmtUk='],
      ['https://api.twitter.com/1/statuses/update.json', 'tnnArxj06cWHq44gCs1OSKk/jLY='],
    ])('signs against %s as %s', (url, expected) => {
      expect(sign('POST', url, params, consumerSecret, tokenSecret).signature).toBe(expected);
    });

    it("parses the 'Authorizing a request' header example", () => {
      const parsed = parseOAuthHeader(
        'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
      );
      expect(Object.fromEntries(parsed ?? [])).toMatchObject({ oauth_signature: 'tnnArxj06cWHq44gCs1OSKk/jLY=', oauth_version: '1.0' });
    });
  });

  describe('RFC 5849 vectors', () => {
    it('§1.2 temporary credentials (realm excluded, no oauth_version)', () => {
      const { signature } = sign(
        'POST',
        'https://photos.example.net/initiate',
        [
          ['realm', 'Photos'],
          ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
          ['oauth_signature_method', 'HMAC-SHA1'],
          ['oauth_timestamp', '137131200'],
          ['oauth_nonce', 'wIjqoS'],
          ['oauth_callback', 'http://printer.example.com/ready'],
        ],
        'kd94hf93k423kf44',
        '',
      );
      expect(signature).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    });

    it('§1.2 token request', () => {
      const { signature } = sign(
        'POST',
        'https://photos.example.net/token',
        [
          ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
          ['oauth_token', 'hh5s93j4hdidpola'],
          ['oauth_signature_method', 'HMAC-SHA1'],
          ['oauth_timestamp', '137131201'],
          ['oauth_nonce', 'walatlh'],
          ['oauth_verifier', 'hfdp7dh39dks9884'],
        ],
        'kd94hf93k423kf44',
        'hdhd0244k9j7ao03',
      );
      expect(signature).toBe('gKgrFCywp7rO0OXSjdot/IHF7IU=');
    });

    it('§1.2 resource request with query parameters', () => {
      const url = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original');
      const params: OAuthParam[] = [
        ...[...url.searchParams],
        ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
        ['oauth_token', 'nnch734d00sl2jdk'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131202'],
        ['oauth_nonce', 'chapoH'],
      ];
      const { base, signature } = sign('GET', url.toString(), params, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00');
      expect(base).toBe(
        'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
      );
      expect(signature).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
    });

    it('§3.4.1.1 duplicate keys and encoded values (erratum 2550)', () => {
      const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
      const params: OAuthParam[] = [
        ...[...url.searchParams],
        ...[...new URLSearchParams('c2&a3=2+q')],
        ['oauth_consumer_key', '9djdj82h48djs9d2'],
        ['oauth_token', 'kkk9d7dh3k39sjv7'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131201'],
        ['oauth_nonce', '7d8f3e4a'],
      ];
      const { base, signature } = sign('POST', url.toString(), params, 'j49sk3j29djd', 'dh893hdasih9');
      expect(base).toBe(
        'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
      );
      expect(signature).toBe('r6/TJjbCOr97/+UU0NsvSne7s5g=');
    });
  });

  describe("old Twitter 'Sign in' vectors (oauth-sign)", () => {
    const consumerKey = 'GDdmIQH6jhtmLUypg82g';
    const consumerSecret = 'MCD8BKwGdgPHvAuvgvz4EQpqDAtx89grbuNMRd7Eh98';

    it('request_token', () => {
      const { signature } = sign(
        'POST',
        'https://api.twitter.com/oauth/request_token',
        [
          ['oauth_callback', 'http://localhost:3005/the_dance/process_callback?service_provider_id=11'],
          ['oauth_consumer_key', consumerKey],
          ['oauth_nonce', 'QP70eNmVz8jvdPevU3oJD2AfF7R7odC2XJcn4XlZJqk'],
          ['oauth_signature_method', 'HMAC-SHA1'],
          ['oauth_timestamp', '1272323042'],
          ['oauth_version', '1.0'],
        ],
        consumerSecret,
        '',
      );
      expect(signature).toBe('8wUi7m5HFQy76nowoCThusfgB+Q=');
    });

    it('access_token', () => {
      const { signature } = sign(
        'POST',
        'https://api.twitter.com/oauth/access_token',
        [
          ['oauth_consumer_key', consumerKey],
          ['oauth_nonce', '9zWH6qe0qG7Lc1telCn7FhUbLyVdjEaL3MO5uHxn8'],
          ['oauth_signature_method', 'HMAC-SHA1'],
          ['oauth_token', '8ldIZyxQeVrFZXFOZH5tAwj6vzJYuLQpl0WUEYtWc'],
          ['oauth_timestamp', '1272323047'],
          ['oauth_verifier', 'pDNg57prOHapMbhv25RNf75lVRd6JDsni1AJJIDYoTY'],
          ['oauth_version', '1.0'],
        ],
        consumerSecret,
        'x6qpRnlEmW9JbQn4PQVVeVG8ZLPEx6A0TOebgwcuA',
      );
      expect(signature).toBe('PUw/dHA4fnlJYM6RhXk5IU/0fCc=');
    });
  });

  describe('header parsing', () => {
    it('accepts the compact separator twitter-api-v2 uses, newlines and a realm', () => {
      expect(parseOAuthHeader('OAuth realm="x",oauth_consumer_key="k",\n  oauth_nonce="n"')).toEqual([
        ['realm', 'x'],
        ['oauth_consumer_key', 'k'],
        ['oauth_nonce', 'n'],
      ]);
    });

    it('rejects non-OAuth and malformed headers', () => {
      expect(parseOAuthHeader('Bearer abc')).toBeUndefined();
      expect(parseOAuthHeader('OAuth oauth_consumer_key=unquoted')).toBeUndefined();
    });

    it('leaves the signature out of the normalized parameters', () => {
      expect(normalizeParameters([['b', '1'], ['oauth_signature', 'x'], ['a', '2']])).toBe('a=2&b=1');
    });
  });
});
