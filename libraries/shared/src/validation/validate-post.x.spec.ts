import { type MediaDescriptor } from './media';
import { type PlatformPostEntry } from './post-issue';
import { validatePostForPlatform } from './validate-post';

const jpg = (n = 1): MediaDescriptor[] => Array.from({ length: n }, (_, i) => ({ mime: 'image/jpeg', path: `https://u.example/${i}.jpg` }));
const mp4 = (n = 1): MediaDescriptor[] => Array.from({ length: n }, (_, i) => ({ mime: 'video/mp4', path: `https://u.example/${i}.mp4` }));
const gif = (n = 1): MediaDescriptor[] => Array.from({ length: n }, (_, i) => ({ mime: 'image/gif', path: `https://u.example/${i}.gif` }));

function codes(value: PlatformPostEntry[], options: { premium?: boolean } = {}, settings?: Record<string, unknown>): string[] {
  return validatePostForPlatform('x', settings ? { value, settings } : { value }, options).map((i) => i.code);
}

describe('validatePostForPlatform("x")', () => {
  describe('length', () => {
    it.each<[string, string, boolean, string[]]>([
      ['280 letters', 'a'.repeat(280), false, []],
      ['281 letters', 'a'.repeat(281), false, ['text_too_long']],
      ['140 emoji', '🚀'.repeat(140), false, []],
      ['141 emoji', '🚀'.repeat(141), false, ['text_too_long']],
      ['140 CJK', '漢'.repeat(140), false, []],
      ['141 CJK', '漢'.repeat(141), false, ['text_too_long']],
      ['a URL and 257 letters', `https://example.com/${'p'.repeat(80)} ${'a'.repeat(257)}`, false, ['text_too_long']],
      ['a URL and 256 letters', `https://example.com/${'p'.repeat(80)} ${'a'.repeat(256)}`, false, []],
      ['281 letters on premium', 'a'.repeat(281), true, []],
      ['25,000 letters on premium', 'a'.repeat(25_000), true, []],
      ['25,001 letters on premium', 'a'.repeat(25_001), true, ['text_too_long']],
    ])('%s', (_case, content, premium, expected) => {
      expect(codes([{ content }], { premium })).toEqual(expected);
    });

    it('explains the weighted count in the message', () => {
      const [found] = validatePostForPlatform('x', { value: [{ content: '🚀'.repeat(141) }] });
      expect(found).toEqual({
        field: 'value.0.content',
        code: 'text_too_long',
        message: 'The post is 282 characters long as X counts them (emoji and CJK count 2, links 23); the limit is 280.',
      });
    });

    it("refuses an article, naming each article setting: X's API cannot publish one", () => {
      const found = validatePostForPlatform('x', { value: [{ content: 'a' }], settings: { post_type: 'article', article_title: 'T', article_status: 'draft' } });
      expect(found.map((i) => [i.code, i.field])).toEqual([
        ['setting_unsupported', 'settings.post_type'],
        ['setting_unsupported', 'settings.article_title'],
        ['setting_unsupported', 'settings.article_status'],
      ]);
    });

    it('refuses a poll with media on the post (X takes one or the other)', () => {
      const poll = { poll: { options: ['Rye', 'Spelt'], duration_minutes: 60 } };
      expect(codes([{ content: 'Which bread?' }], {}, poll)).toEqual([]);
      expect(codes([{ content: 'Which bread?', media: [{ mime: 'image/jpeg', path: 'a.jpg' }] }], {}, poll)).toEqual(['poll_with_media']);
    });

    it('takes alt text on images up to 1,000 characters, and none on a video', () => {
      expect(codes([{ content: 'a', media: [{ mime: 'image/jpeg', path: 'a.jpg', alt: 'x'.repeat(1000) }] }])).toEqual([]);
      expect(codes([{ content: 'a', media: [{ mime: 'image/jpeg', path: 'a.jpg', alt: 'x'.repeat(1001) }] }])).toEqual(['alt_text_too_long']);
      expect(codes([{ content: 'a', media: [{ mime: 'video/mp4', path: 'a.mp4', alt: 'a clip' }] }])).toEqual(['alt_text_unsupported']);
    });
  });

  describe('media', () => {
    it.each<[string, MediaDescriptor[], string[]]>([
      ['no media', [], []],
      ['1 image', jpg(1), []],
      ['4 images', jpg(4), []],
      ['5 images', jpg(5), ['too_many_media']],
      ['PNG and WebP images', [{ mime: 'image/png', path: 'a.png' }, { mime: 'image/webp', path: 'b.webp' }], []],
      ['1 video', mp4(1), []],
      ['2 videos', mp4(2), ['too_many_media']],
      ['1 GIF', gif(1), []],
      ['2 GIFs', gif(2), ['too_many_media']],
      ['a video and an image', [...mp4(1), ...jpg(1)], ['media_mixed']],
      ['a GIF and an image', [...gif(1), ...jpg(1)], ['media_mixed']],
      ['a GIF and a video', [...gif(1), ...mp4(1)], ['media_mixed']],
      ['a PDF', [{ mime: 'application/pdf', path: 'https://u.example/a.pdf' }], ['media_unsupported']],
      ['a BMP', [{ mime: 'image/bmp', path: 'https://u.example/a.bmp' }], ['media_unsupported']],
    ])('%s', (_case, media, expected) => {
      expect(codes([{ content: 'hi', media }])).toEqual(expected);
    });

    it('names the offending medium', () => {
      const found = validatePostForPlatform('x', { value: [{ content: 'hi', media: [...jpg(1), { mime: 'application/pdf', path: 'https://u.example/doc.pdf?x=1' }] }] });
      expect(found).toEqual([{ field: 'value.0.image.1', code: 'media_unsupported', message: expect.stringContaining('doc.pdf') }]);
    });

    it.each<[string, MediaDescriptor, boolean]>([
      ['a 5 MB image', { mime: 'image/jpeg', path: 'a.jpg', size: 5 * 1024 * 1024 }, false],
      ['an image over 5 MB', { mime: 'image/jpeg', path: 'a.jpg', size: 5 * 1024 * 1024 + 1 }, true],
      ['a 15 MB GIF', { mime: 'image/gif', path: 'a.gif', size: 15 * 1024 * 1024 }, false],
      ['a GIF over 15 MB', { mime: 'image/gif', path: 'a.gif', size: 15 * 1024 * 1024 + 1 }, true],
      ['a video over 512 MB', { mime: 'video/mp4', path: 'a.mp4', size: 512 * 1024 * 1024 + 1 }, true],
    ])('checks sizes when known: %s', (_case, medium, tooLarge) => {
      expect(codes([{ content: 'hi', media: [medium] }])).toEqual(tooLarge ? ['media_too_large'] : []);
    });
  });

  describe('threads', () => {
    it('checks every entry of the thread on its own', () => {
      const found = validatePostForPlatform('x', {
        value: [{ content: 'ok' }, { content: 'a'.repeat(281) }, { content: 'fine', media: jpg(5) }, { content: '' }],
      });
      expect(found.map((i) => [i.field, i.code])).toEqual([
        ['value.1.content', 'text_too_long'],
        ['value.2.image', 'too_many_media'],
        ['value.3.content', 'content_required'],
      ]);
      expect(found[0]?.message).toMatch(/^Reply 1 of the thread is 281 characters/);
    });

    it('allows a reply with only an image', () => {
      expect(codes([{ content: 'root' }, { content: '', media: jpg(1) }])).toEqual([]);
    });
  });

  it('needs text or media', () => {
    expect(codes([{ content: '' }])).toEqual(['content_required']);
    expect(codes([{ content: '<p> </p>' }])).toEqual(['content_required']);
    expect(codes([{ content: '', media: jpg(1) }])).toEqual([]);
  });

  it('tags issues with the channel and a field prefix when asked', () => {
    const found = validatePostForPlatform('x', { value: [{ content: 'a'.repeat(300) }] }, { channel: 'chan-1', fieldPrefix: 'posts.2' });
    expect(found).toEqual([expect.objectContaining({ channel: 'chan-1', field: 'posts.2.value.0.content', code: 'text_too_long' })]);
  });
});
