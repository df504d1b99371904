import type { ITwitterApiBeforeRequestConfigHookArgs } from 'twitter-api-v2';
import { XOriginPlugin } from './x.client';

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
