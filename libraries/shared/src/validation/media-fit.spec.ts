import { mediaFitWarnings, type MediaFacts } from './media-fit';

const image = (width: number, height: number, name = 'photo.jpg'): MediaFacts => ({ mime: 'image/jpeg', name, width, height });
const video = (width: number, height: number, durationMs: number, size = 10 * 1024 * 1024): MediaFacts => ({ mime: 'video/mp4', name: 'clip.mp4', width, height, durationMs, size });
const rules = (...args: Parameters<typeof mediaFitWarnings>) => mediaFitWarnings(...args).map((w) => `${w.index}:${w.rule}`);

describe('mediaFitWarnings', () => {
  it('Instagram feed: pictures from 4:5 to 1.91:1 pass, taller or wider ones are named', () => {
    expect(rules('instagram', [image(1080, 1350), image(1080, 1080), image(1910, 1000), image(1079, 1350)])).toEqual([]);
    expect(rules('instagram', [image(1080, 1920), image(3000, 1000)], { post_type: 'post' })).toEqual(['0:instagram_feed_aspect', '1:instagram_feed_aspect']);
    const [warning] = mediaFitWarnings('instagram-standalone', [image(1080, 1920, 'tall.jpg')]);
    expect(warning!.message).toBe('"tall.jpg" is 1080×1920; Instagram feed posts take aspect ratios from 4:5 (portrait) to 1.91:1 (landscape). Crop it to fit.');
  });

  it('Instagram Reels: 9:16 and 3 to 90 s (a post of one video is a Reel)', () => {
    expect(rules('instagram', [video(1080, 1920, 30_000)], { post_type: 'reel' })).toEqual([]);
    expect(rules('instagram', [video(1920, 1080, 2_000)], { post_type: 'reel' })).toEqual(['0:instagram_reel_aspect', '0:instagram_reel_duration']);
    expect(rules('instagram', [video(1080, 1920, 91_000)])).toEqual(['0:instagram_reel_duration']);
    expect(mediaFitWarnings('instagram', [video(1080, 1920, 2_500)])[0]!.message).toContain('lasts 2.5 s');
  });

  it('Instagram stories: video 3 to 60 s, any shape', () => {
    expect(rules('instagram', [video(1920, 1080, 59_000)], { post_type: 'story' })).toEqual([]);
    expect(rules('instagram', [video(1080, 1920, 61_000)], { post_type: 'story' })).toEqual(['0:instagram_story_duration']);
  });

  it('X: video at most 512 MB and 140 s, 1:3 to 3:1; pictures are not its concern here', () => {
    expect(rules('x', [video(1280, 720, 140_000, 512 * 1024 * 1024)])).toEqual([]);
    expect(rules('x', [video(1280, 720, 141_000, 513 * 1024 * 1024)])).toEqual(['0:x_video_size', '0:x_video_duration']);
    expect(rules('x', [video(400, 1300, 10_000)])).toEqual(['0:x_video_aspect']);
    expect(rules('x', [image(5000, 100)])).toEqual([]);
  });

  it('Facebook: Reels 9:16 and 3 to 90 s; ordinary posts have no such rule', () => {
    expect(rules('facebook', [video(1080, 1920, 90_000)], { post_type: 'reel' })).toEqual([]);
    expect(rules('facebook', [video(1080, 1920, 95_000)], { post_type: 'reel' })).toEqual(['0:facebook_reel_duration']);
    expect(rules('facebook', [video(1920, 1080, 95_000)])).toEqual([]);
  });

  it('checks nothing it does not know: no dimensions, no duration, no size', () => {
    expect(rules('instagram', [{ mime: 'image/jpeg' }, { mime: 'video/mp4' }])).toEqual([]);
    expect(rules('x', [{ mime: 'video/mp4', width: null, height: null, durationMs: null, size: null }])).toEqual([]);
    expect(rules('unknown-provider', [video(1, 100, 1)])).toEqual([]);
  });
});
