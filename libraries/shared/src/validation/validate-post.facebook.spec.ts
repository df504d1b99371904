import { type MediaDescriptor } from './media';
import { type PlatformPostEntry } from './post-issue';
import { validatePostForPlatform } from './validate-post';

const photos = (n: number, mime = 'image/jpeg'): MediaDescriptor[] => Array.from({ length: n }, (_, i) => ({ mime, path: `https://u.example/${i}.jpg` }));
const video = (i = 0): MediaDescriptor => ({ mime: 'video/mp4', path: `https://u.example/${i}.mp4` });

function codes(value: PlatformPostEntry[], postType?: string): string[] {
  return validatePostForPlatform('facebook', postType ? { value, settings: { post_type: postType } } : { value }).map((i) => i.code);
}

describe('validatePostForPlatform("facebook")', () => {
  it.each<[string, PlatformPostEntry, string[]]>([
    ['text only', { content: 'hello' }, []],
    ['63,206 characters', { content: 'a'.repeat(63_206) }, []],
    ['63,207 characters', { content: 'a'.repeat(63_207) }, ['text_too_long']],
    ['nothing at all', { content: '<p></p>' }, ['content_required']],
    ['a photo without text', { content: '', media: photos(1) }, []],
    ['10 photos', { content: 'x', media: photos(10) }, []],
    ['11 photos', { content: 'x', media: photos(11) }, ['too_many_media']],
    ['GIF, PNG and WebP photos', { content: 'x', media: [...photos(1, 'image/gif'), ...photos(1, 'image/png'), ...photos(1, 'image/webp')] }, []],
    ['one video', { content: 'x', media: [video()] }, []],
    ['two videos', { content: 'x', media: [video(0), video(1)] }, ['too_many_media']],
    ['a video and a photo', { content: 'x', media: [video(), ...photos(1)] }, ['media_mixed']],
    ['a PDF', { content: 'x', media: [{ mime: 'application/pdf', path: 'a.pdf' }] }, ['media_unsupported']],
    ['a photo over 10 MB', { content: 'x', media: [{ mime: 'image/jpeg', path: 'a.jpg', size: 10 * 1024 * 1024 + 1 }] }, ['media_too_large']],
  ])('post: %s', (_case, entry, expected) => {
    expect(codes([entry])).toEqual(expected);
  });

  it.each<[string, MediaDescriptor[], string[]]>([
    ['one photo', photos(1), []],
    ['one video', [video()], []],
    ['no media', [], ['media_required']],
    ['two photos', photos(2), ['story_single_medium']],
  ])('story: %s', (_case, media, expected) => {
    expect(codes([{ content: 'x', media }], 'story')).toEqual(expected);
  });

  it.each<[string, PlatformPostEntry, string[]]>([
    ['text', { content: 'first!' }, []],
    ['one photo', { content: '', media: photos(1) }, []],
    ['two photos', { content: 'x', media: photos(2) }, ['too_many_media']],
    ['a video', { content: 'x', media: [video()] }, ['comment_media_unsupported']],
    ['nothing', { content: '' }, ['content_required']],
    ['63,207 characters', { content: 'a'.repeat(63_207) }, ['text_too_long']],
  ])('comment: %s', (_case, comment, expected) => {
    const found = validatePostForPlatform('facebook', { value: [{ content: 'root' }, comment] });
    expect(found.map((i) => i.code)).toEqual(expected);
    expect(found.every((i) => i.field.startsWith('value.1.'))).toBe(true);
  });
});
