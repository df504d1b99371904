import { channelRedirectUri } from './redirect-uri';

describe('channelRedirectUri', () => {
  it('is the dashboard callback page of the platform', () => {
    expect(channelRedirectUri('https://herald.example.com', 'instagram-standalone')).toBe('https://herald.example.com/integrations/social/instagram-standalone');
  });

  it('ignores trailing slashes of the dashboard URL', () => {
    expect(channelRedirectUri('http://localhost:4200//', 'x')).toBe('http://localhost:4200/integrations/social/x');
  });
});
