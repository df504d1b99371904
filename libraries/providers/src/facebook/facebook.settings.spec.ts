import type { MediaContent, MediaRef } from '../contracts/provider.types';
import { facebookPlan } from './facebook.settings';

/** Graph fetches Meta media by URL: the plans never read the bytes. */
const noBytes = (): Promise<MediaContent> => Promise.reject(new Error('not read'));
const jpeg = (n: number, alt?: string): MediaRef => ({ url: `https://h.test/${n}.jpg`, mimeType: 'image/jpeg', open: noBytes, ...(alt ? { alt } : {}) });
const mp4: MediaRef = { url: 'https://h.test/v.mp4', mimeType: 'video/mp4', open: noBytes };
const plan = (settings: unknown, media: MediaRef[], text = 'hi') => facebookPlan('facebook', { text, media, settings });

describe('facebook settings → Graph requests', () => {
  it('text with a link and a background preset goes to /feed as link and text_format_preset_id', () => {
    expect(plan({ url: 'https://example.com/a' }, [])).toEqual({ kind: 'feed', params: { message: 'hi', link: 'https://example.com/a' } });
    expect(plan({ text_format_preset_id: '123' }, [])).toEqual({ kind: 'feed', params: { message: 'hi', text_format_preset_id: '123' } });
  });

  it('photos, several photos and a video', () => {
    expect(plan({}, [jpeg(1, 'alt')])).toEqual({ kind: 'photo', params: { url: 'https://h.test/1.jpg', message: 'hi', alt_text_custom: 'alt' } });
    expect(plan({ post_type: 'post' }, [jpeg(1), jpeg(2)])).toMatchObject({ kind: 'photos', photos: [{ published: false }, { published: false }], message: 'hi' });
    expect(plan({}, [mp4])).toEqual({ kind: 'video', params: { file_url: mp4.url, description: 'hi' } });
  });

  it('a Reel is the video_reels flow, a story photo_stories or video_stories', () => {
    expect(plan({ post_type: 'reel' }, [mp4])).toEqual({ kind: 'reel', fileUrl: mp4.url, finish: { description: 'hi', video_state: 'PUBLISHED' } });
    expect(plan({ post_type: 'story' }, [jpeg(1)])).toEqual({ kind: 'photo_story', url: 'https://h.test/1.jpg' });
    expect(plan({ post_type: 'story' }, [mp4])).toEqual({ kind: 'video_story', fileUrl: mp4.url });
  });

  it.each<[string, unknown, MediaRef[]]>([
    ['a link with a photo', { url: 'https://example.com' }, [jpeg(1)]],
    ['a link on a story', { post_type: 'story', url: 'https://example.com' }, [jpeg(1)]],
    ['a background with a photo', { text_format_preset_id: '1' }, [jpeg(1)]],
    ['a Reel of a photo', { post_type: 'reel' }, [jpeg(1)]],
    ['a story of two photos', { post_type: 'story' }, [jpeg(1), jpeg(2)]],
  ])('refuses %s instead of dropping it', (_name, settings, media) => {
    expect(() => plan(settings, media)).toThrow(expect.objectContaining({ kind: 'bad_content' }) as Error);
  });
});
