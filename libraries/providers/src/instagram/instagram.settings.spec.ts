import type { MediaContent, MediaRef } from '../contracts/provider.types';
import { instagramPlan } from './instagram.settings';

/** Graph fetches Meta media by URL: the plans never read the bytes. */
const noBytes = (): Promise<MediaContent> => Promise.reject(new Error('not read'));
const jpeg = (n: number, alt?: string): MediaRef => ({ url: `https://h.test/${n}.jpg`, mimeType: 'image/jpeg', open: noBytes, ...(alt ? { alt } : {}) });
const mp4: MediaRef = { url: 'https://h.test/v.mp4', mimeType: 'video/mp4', open: noBytes, thumbnail: 'https://h.test/cover.jpg' };
const plan = (settings: unknown, media: MediaRef[], text = 'hi') => instagramPlan('instagram', { text, media, settings });

describe('instagram settings → Graph containers', () => {
  it('a feed image carries its caption, alt text and collaborators (usernames without @)', () => {
    expect(plan({ post_type: 'post', collaborators: [{ label: '@ann' }, { label: 'bob' }] }, [jpeg(1, 'a cat')])).toEqual({
      kind: 'single',
      container: { image_url: 'https://h.test/1.jpg', caption: 'hi', alt_text: 'a cat', collaborators: ['ann', 'bob'] },
    });
  });

  it('a Reel carries share_to_feed, its own cover, collaborators and trial_params', () => {
    expect(plan({ post_type: 'reel', share_to_feed: false, is_trial_reel: true, graduation_strategy: 'SS_PERFORMANCE', collaborators: [{ label: 'ann' }] }, [mp4])).toEqual({
      kind: 'single',
      container: {
        media_type: 'REELS',
        video_url: mp4.url,
        caption: 'hi',
        cover_url: 'https://h.test/cover.jpg',
        share_to_feed: false,
        collaborators: ['ann'],
        trial_params: { graduation_strategy: 'SS_PERFORMANCE' },
      },
    });
  });

  it('a trial Reel without a strategy graduates manually; a frame offset stands in for a missing cover', () => {
    const video: MediaRef = { url: 'https://h.test/v.mp4', mimeType: 'video/mp4', open: noBytes, thumbnailTimestamp: 1500 };
    expect(plan({ post_type: 'post', is_trial_reel: true }, [video]).kind).toBe('single');
    expect(plan({ post_type: 'post', is_trial_reel: true }, [video])).toMatchObject({ container: { thumb_offset: 1500, trial_params: { graduation_strategy: 'MANUAL' } } });
  });

  it('stories are STORIES containers of one image or video, without caption', () => {
    expect(plan({ post_type: 'story' }, [jpeg(1)])).toEqual({ kind: 'single', container: { media_type: 'STORIES', image_url: 'https://h.test/1.jpg' } });
    expect(plan({ post_type: 'story' }, [mp4])).toEqual({ kind: 'single', container: { media_type: 'STORIES', video_url: mp4.url } });
  });

  it('a carousel mixes images (with alt text) and videos, collaborators on the parent', () => {
    expect(plan({ post_type: 'post', collaborators: [{ label: 'ann' }] }, [jpeg(1, 'one'), mp4])).toEqual({
      kind: 'carousel',
      items: [
        { image_url: 'https://h.test/1.jpg', is_carousel_item: true, alt_text: 'one' },
        { media_type: 'VIDEO', video_url: mp4.url, is_carousel_item: true },
      ],
      container: { media_type: 'CAROUSEL', caption: 'hi', collaborators: ['ann'] },
    });
  });

  it.each<[string, unknown, MediaRef[]]>([
    ['collaborators on a story', { post_type: 'story', collaborators: [{ label: 'ann' }] }, [jpeg(1)]],
    ['a trial that is not a Reel', { post_type: 'post', is_trial_reel: true }, [jpeg(1)]],
    ['a strategy without a trial', { post_type: 'reel', graduation_strategy: 'MANUAL' }, [mp4]],
    ['share_to_feed on an image', { post_type: 'post', share_to_feed: true }, [jpeg(1)]],
    ['music', { post_type: 'post', audio: { id: 'a' } }, [jpeg(1)]],
    ['a Reel of an image', { post_type: 'reel' }, [jpeg(1)]],
  ])('refuses %s instead of dropping it', (_name, settings, media) => {
    expect(() => plan(settings, media)).toThrow(expect.objectContaining({ kind: 'bad_content' }) as Error);
  });
});
