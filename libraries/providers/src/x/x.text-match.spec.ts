import { isSameTweet, type ReadTweet } from './x.text-match';

// Reads shaped as X returns them (docs/platforms.md, "X: reading tweets back").
const tweet = (text: string, urls: ReadTweet['entities'] = undefined, extra: Partial<ReadTweet> = {}): ReadTweet => ({ id: '1', text, ...(urls ? { entities: urls } : {}), ...extra });

describe('recognising a sent tweet in what X reads back', () => {
  const sent = 'Fish & chips <today> 🐟 at https://example.com/menu?a=1&b=2 and example.org';
  const read = tweet('Fish &amp; chips &lt;today&gt; 🐟 at https://t.co/AbCdEf1234 and https://t.co/ZyXwVu9876', {
    urls: [
      { url: 'https://t.co/AbCdEf1234', expanded_url: 'https://example.com/menu?a=1&b=2' },
      { url: 'https://t.co/ZyXwVu9876', expanded_url: 'http://example.org' },
    ],
  });

  it('unescapes entities and follows t.co links to their targets', () => {
    expect(isSameTweet(sent, read)).toBe(true);
  });

  it('tells a different link apart', () => {
    expect(isSameTweet(sent.replace('menu', 'menus'), read)).toBe(false);
    expect(isSameTweet(sent.replace('chips', 'chip'), read)).toBe(false);
  });

  it('ignores the trailing media link, found by its media_key or its photo/video target', () => {
    const withMedia = tweet('Look &amp; see https://t.co/Media12345', { urls: [{ url: 'https://t.co/Media12345', expanded_url: 'https://x.com/someone/status/1/photo/1', media_key: '3_9' }] });
    expect(isSameTweet('Look & see', withMedia)).toBe(true);
    const videoOnly = tweet('https://t.co/Media12345', { urls: [{ url: 'https://t.co/Media12345', expanded_url: 'https://x.com/someone/status/1/video/1' }] });
    expect(isSameTweet('', videoOnly)).toBe(true);
  });

  it('without entities, takes every t.co link as a link and one more at the end as the media link', () => {
    expect(isSameTweet(sent, tweet(read.text))).toBe(true);
    expect(isSameTweet('Look & see', tweet('Look &amp; see https://t.co/Media12345'))).toBe(true);
    expect(isSameTweet('Look & see https://example.com/a', tweet('Look &amp; see https://t.co/L1 https://t.co/Media12345'))).toBe(true);
    expect(isSameTweet('Look & see', tweet('Look &amp; saw https://t.co/Media12345'))).toBe(false);
  });

  it('reads a long post from note_tweet, and skips reply mentions outside the displayed range', () => {
    const long = `${'Long & longer. '.repeat(30)}end`;
    const cut = tweet('Long &amp; longer. Long…', undefined, { note_tweet: { text: long.replace(/&/g, '&amp;') } });
    expect(isSameTweet(long, cut)).toBe(true);
    expect(isSameTweet('thanks & bye', tweet('@alice thanks &amp; bye', undefined, { display_text_range: [7, 19] }))).toBe(true);
  });

  it('compares NFC forms, line endings and outer whitespace loosely, and an escaped entity typed by the person exactly', () => {
    expect(isSameTweet('Cafe\u0301\r\nmenu ', tweet('Café\nmenu'))).toBe(true);
    expect(isSameTweet('write &amp; to get &', tweet('write &amp;amp; to get &amp;'))).toBe(true);
  });
});
