import { type MediaDescriptor } from './media';
import { type PlatformPostEntry } from './post-issue';
import { validatePostForPlatform } from './validate-post';

const image = (mime = 'image/jpeg', i = 0): MediaDescriptor => ({ mime, path: `https://u.example/${i}.${mime.split('/')[1] ?? 'bin'}` });
const images = (n: number): MediaDescriptor[] => Array.from({ length: n }, (_, i) => image('image/jpeg', i));
const video = (i = 0): MediaDescriptor => ({ mime: 'video/mp4', path: `https://u.example/${i}.mp4` });

function codes(value: PlatformPostEntry[], postType?: string, identifier: 'instagram' | 'instagram-standalone' = 'instagram'): string[] {
  const settings = postType === undefined ? undefined : { post_type: postType };
  return validatePostForPlatform(identifier, settings ? { value, settings } : { value }).map((i) => i.code);
}

const tags = (n: number): string => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
const mentions = (n: number): string => Array.from({ length: n }, (_, i) => `@user${i}`).join(' ');

describe('validatePostForPlatform("instagram" | "instagram-standalone")', () => {
  it.each(['instagram', 'instagram-standalone'] as const)('%s needs at least one medium', (identifier) => {
    expect(codes([{ content: 'text only' }], 'post', identifier)).toEqual(['media_required']);
  });

  describe('caption', () => {
    it.each<[string, string, string[]]>([
      ['2,200 characters', 'a'.repeat(2_200), []],
      ['2,201 characters', 'a'.repeat(2_201), ['text_too_long']],
      ['1,100 emoji (2 each)', '🌅'.repeat(1_100), []],
      ['1,101 emoji', '🌅'.repeat(1_101), ['text_too_long']],
      ['30 hashtags', tags(30), []],
      ['31 hashtags', tags(31), ['too_many_hashtags']],
      ['31 repeats of one hashtag (every occurrence counts)', Array(31).fill('#same').join(' '), ['too_many_hashtags']],
      ['31 numeric "hashtags" (not hashtags)', Array.from({ length: 31 }, (_, i) => `#${i}`).join(' '), []],
      ['31 mid-word #s (not hashtags)', Array.from({ length: 31 }, (_, i) => `c#${i}x`).join(' '), []],
      ['20 mentions', mentions(20), []],
      ['21 mentions', mentions(21), ['too_many_mentions']],
      ['21 e-mail addresses (not mentions)', Array.from({ length: 21 }, (_, i) => `me${i}@example.com`).join(' '), []],
    ])('%s', (_case, content, expected) => {
      expect(codes([{ content, media: [image()] }], 'post')).toEqual(expected);
    });

    it('counts hashtags in composer HTML', () => {
      const html = Array.from({ length: 31 }, (_, i) => `<p>#t${i}</p>`).join('');
      expect(codes([{ content: html, media: [image()] }], 'post')).toEqual(['too_many_hashtags']);
    });
  });

  describe('feed posts and carousels', () => {
    it.each<[string, MediaDescriptor[], string[]]>([
      ['1 image (a single post)', images(1), []],
      ['1 video (published as a Reel)', [video()], []],
      ['2 images (the smallest carousel)', images(2), []],
      ['10 images (the largest carousel)', images(10), []],
      ['11 images', images(11), ['too_many_media']],
      ['a carousel mixing images and videos', [...images(3), video()], []],
      ['PNG and WebP (converted to JPEG by the server)', [image('image/png', 1), image('image/webp', 2)], []],
      ['a GIF', [image('image/gif')], ['media_unsupported']],
      ['a BMP', [image('image/bmp')], ['media_unsupported']],
      ['a PDF', [{ mime: 'application/pdf', path: 'a.pdf' }], ['media_unsupported']],
    ])('%s', (_case, media, expected) => {
      expect(codes([{ content: 'caption', media }], 'post')).toEqual(expected);
    });

    it('reads missing settings as a feed post', () => {
      expect(codes([{ content: 'caption', media: images(2) }])).toEqual([]);
    });

    it('explains the carousel range', () => {
      const [found] = validatePostForPlatform('instagram', { value: [{ content: '', media: images(11) }], settings: { post_type: 'post' } });
      expect(found).toEqual({ field: 'value.0.image', code: 'too_many_media', message: 'An Instagram carousel holds 2 to 10 items; this one has 11.' });
    });
  });

  describe('reels', () => {
    it.each<[string, MediaDescriptor[], string[]]>([
      ['one video', [video()], []],
      ['one image', images(1), ['reel_requires_video']],
      ['no media', [], ['media_required']],
      ['two videos', [video(0), video(1)], ['too_many_media']],
      ['a video and an image', [video(), image()], ['too_many_media']],
    ])('%s', (_case, media, expected) => {
      expect(codes([{ content: 'reel', media }], 'reel')).toEqual(expected);
    });
  });

  describe('stories', () => {
    it.each<[string, MediaDescriptor[], string[]]>([
      ['one image', images(1), []],
      ['one video', [video()], []],
      ['no media', [], ['media_required']],
      ['two images', images(2), ['story_single_medium']],
      ['an image and a video', [image(), video()], ['story_single_medium']],
    ])('%s', (_case, media, expected) => {
      expect(codes([{ content: '', media }], 'story')).toEqual(expected);
    });
  });

  it.each<[string, MediaDescriptor, string, boolean]>([
    ['an 8 MB JPEG', { mime: 'image/jpeg', path: 'a.jpg', size: 8 * 1024 * 1024 }, 'post', false],
    ['a JPEG over 8 MB', { mime: 'image/jpeg', path: 'a.jpg', size: 8 * 1024 * 1024 + 1 }, 'post', true],
    ['a large PNG (its size changes on conversion)', { mime: 'image/png', path: 'a.png', size: 20 * 1024 * 1024 }, 'post', false],
    ['a 300 MB reel', { mime: 'video/mp4', path: 'a.mp4', size: 300 * 1024 * 1024 }, 'reel', false],
    ['a reel over 300 MB', { mime: 'video/mp4', path: 'a.mp4', size: 300 * 1024 * 1024 + 1 }, 'reel', true],
    ['a story video over 100 MB', { mime: 'video/mp4', path: 'a.mp4', size: 100 * 1024 * 1024 + 1 }, 'story', true],
  ])('checks sizes when known: %s', (_case, medium, postType, tooLarge) => {
    expect(codes([{ content: 'c', media: [medium] }], postType)).toEqual(tooLarge ? ['media_too_large'] : []);
  });

  describe('comments', () => {
    it('are text only and follow the caption rules', () => {
      const found = validatePostForPlatform('instagram', {
        value: [{ content: 'c', media: images(1) }, { content: 'nice', media: images(1) }, { content: 'a'.repeat(2_201) }, { content: '' }, { content: tags(31) }],
        settings: { post_type: 'post' },
      });
      expect(found.map((i) => [i.field, i.code])).toEqual([
        ['value.1.image', 'comment_media_unsupported'],
        ['value.2.content', 'text_too_long'],
        ['value.3.content', 'content_required'],
        ['value.4.content', 'too_many_hashtags'],
      ]);
    });
  });

  it.each<[number, string[]]>([
    [3, []],
    [4, ['too_many_collaborators']],
  ])('allows up to 3 collaborators (%i given)', (n, expected) => {
    const collaborators = Array.from({ length: n }, (_, i) => ({ label: `c${i}` }));
    expect(validatePostForPlatform('instagram', { value: [{ content: 'c', media: images(1) }], settings: { post_type: 'post', collaborators } }).map((i) => i.code)).toEqual(expected);
  });
});
