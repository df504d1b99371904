import type { ITwitterApiBeforeRequestConfigHookArgs } from 'twitter-api-v2';
import { verifyOAuth1 } from '../testing/oauth1';
import { RecordingServer } from '../testing/recording-server';
import { TWEETS_PATH, XClients, XOriginPlugin, XTransportError } from './x.client';

type Params = ITwitterApiBeforeRequestConfigHookArgs['params'];

function configure(plugin: XOriginPlugin, url: string): Params {
  const params: Params = { url, method: 'POST' };
  plugin.onBeforeRequestConfig({ params, url: new URL(url) } as ITwitterApiBeforeRequestConfigHookArgs);
  return params;
}

describe('XOriginPlugin', () => {
  const plugin = new XOriginPlugin('https://x.sandbox.test:4301/', 'https://upload.sandbox.test:4302', 5000);

  it('moves api.x.com and upload.x.com onto the configured hosts, keeping path and query', () => {
    expect(configure(plugin, 'https://api.x.com/2/tweets').url).toBe('https://x.sandbox.test:4301/2/tweets');
    expect(configure(plugin, 'https://api.x.com/2/media/upload?command=STATUS&media_id=1').url).toBe(
      'https://x.sandbox.test:4301/2/media/upload?command=STATUS&media_id=1',
    );
    expect(configure(plugin, 'https://upload.x.com/1.1/media/upload.json').url).toBe('https://upload.sandbox.test:4302/1.1/media/upload.json');
  });

  it('keeps the v1.1 media upload multipart, which the library only detects on upload.x.com', () => {
    expect(configure(plugin, 'https://upload.x.com/1.1/media/upload.json').forceBodyMode).toBe('form-data');
    expect(configure(plugin, 'https://api.x.com/oauth/request_token').forceBodyMode).toBeUndefined();
  });

  it('applies the configured timeout', () => {
    expect(configure(plugin, 'https://api.x.com/2/users/me').timeout).toBe(5000);
  });

  it('rewrites the generated authenticate link', () => {
    expect(plugin.rewriteLink('https://api.x.com/oauth/authenticate?oauth_token=abc')).toBe('https://x.sandbox.test:4301/oauth/authenticate?oauth_token=abc');
  });

  it('leaves everything alone when X_API_URL is the real host', () => {
    const real = new XOriginPlugin('https://api.x.com', 'https://upload.x.com', 5000);
    expect(configure(real, 'https://api.x.com/2/tweets').url).toBe('https://api.x.com/2/tweets');
  });
});

describe('XClients.postJson', () => {
  let server: RecordingServer;
  const config = { apiKey: 'consumer-key', apiSecret: 'consumer-secret' };

  beforeAll(async () => {
    server = await RecordingServer.start();
    server.route('POST', '/2/tweets', { status: 201, json: { data: { id: '1', text: 'hi' } } });
  });

  afterAll(async () => {
    await server.close();
  });

  function clients(): XClients {
    return new XClients({ ...config, apiUrl: `${server.url}/`, uploadUrl: server.url }, 5000);
  }

  const signed = (index: number) => {
    const request = server.requests[index];
    if (!request) throw new Error(`no request ${index}`);
    return verifyOAuth1(request, { baseUrl: `${server.url}/2/tweets`, consumerSecret: config.apiSecret, tokenSecret: 'token-secret' });
  };

  it('sends the JSON body with a valid OAuth 1.0a signature and returns the answer as it came', async () => {
    server.requests.length = 0;
    const answer = await clients().postJson(TWEETS_PATH, 'token', 'token-secret', { text: 'hi' });
    expect(answer).toMatchObject({ status: 201, text: '{"data":{"id":"1","text":"hi"}}' });
    expect(server.requests[0]?.json()).toEqual({ text: 'hi' });
    expect(signed(0).valid).toBe(true);
  });

  it('uses a header signed ahead once, and signs afresh when none is left or it is over a minute old', async () => {
    server.requests.length = 0;
    const x = clients();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    clock.mockReturnValue(now - 30_000);
    x.presign(TWEETS_PATH, 'token', 'token-secret');
    clock.mockReturnValue(now - 61_000);
    x.presign(TWEETS_PATH, 'stale-token', 'token-secret');
    clock.mockRestore();
    await x.postJson(TWEETS_PATH, 'token', 'token-secret', { text: 'a' });
    await x.postJson(TWEETS_PATH, 'token', 'token-secret', { text: 'b' });
    const [ahead, afresh] = [signed(0), signed(1)];
    expect(ahead.valid && afresh.valid).toBe(true);
    expect(Number(ahead.oauth.oauth_timestamp)).toBe(Math.floor((now - 30_000) / 1000));
    expect(Math.abs(Number(afresh.oauth.oauth_timestamp) - now / 1000)).toBeLessThan(5);
    expect(ahead.oauth.oauth_nonce).not.toBe(afresh.oauth.oauth_nonce);
  });

  it('throws XTransportError with the socket error when no answer comes', async () => {
    const closed = new XClients({ ...config, apiUrl: 'http://127.0.0.1:1', uploadUrl: 'http://127.0.0.1:1' }, 5000);
    const failure = await closed.postJson(TWEETS_PATH, 'token', 'token-secret', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(XTransportError);
    expect((failure as XTransportError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
