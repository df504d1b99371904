import { type PostChannelEntry } from './post.types';
import { toPlatformPostInput, validatePostChannels, type ChannelInfo } from './validate-post-channels';

const channels: Record<string, ChannelInfo> = {
  x1: { identifier: 'x' },
  xp: { identifier: 'x', premium: true },
  ig: { identifier: 'instagram' },
  fb: { identifier: 'facebook' },
};
const channelOf = (id: string): ChannelInfo | undefined => channels[id];

const entry = (id: string, content: string, image: PostChannelEntry['value'][number]['image'] = [], settings?: PostChannelEntry['settings']): PostChannelEntry => {
  const made: PostChannelEntry = { integration: { id }, value: [{ content, image }] };
  if (settings) made.settings = settings;
  return made;
};

describe('toPlatformPostInput', () => {
  it('guesses media types from their paths and passes the settings', () => {
    expect(toPlatformPostInput(entry('ig', 'c', [{ id: 'm', path: 'https://u.example/a.png' }], { post_type: 'story' }))).toEqual({
      value: [{ content: 'c', media: [{ mime: 'image/png', path: 'https://u.example/a.png' }] }],
      settings: { post_type: 'story' },
    });
  });
});

describe('validatePostChannels', () => {
  it('returns one issue per failing rule, tagged with the channel and the body path', () => {
    const issues = validatePostChannels(
      [entry('x1', 'a'.repeat(281)), entry('ig', 'no media', [], { post_type: 'post' }), entry('fb', 'fine')],
      channelOf,
    );
    expect(issues).toEqual([
      expect.objectContaining({ channel: 'x1', field: 'posts.0.value.0.content', code: 'text_too_long' }),
      expect.objectContaining({ channel: 'ig', field: 'posts.1.value.0.image', code: 'media_required' }),
    ]);
  });

  it('applies the premium flag per channel', () => {
    expect(validatePostChannels([entry('xp', 'a'.repeat(281))], channelOf)).toEqual([]);
  });

  it('skips channels it does not know (the caller reports unknown ids)', () => {
    expect(validatePostChannels([entry('nope', '')], channelOf)).toEqual([]);
  });

  it('checks drafts only for emptiness', () => {
    const posts = [entry('x1', 'a'.repeat(400)), entry('ig', ''), entry('fb', '<p></p>', [{ path: 'https://u.example/a.jpg' }])];
    expect(validatePostChannels(posts, channelOf, { draft: true })).toEqual([
      { channel: 'ig', field: 'posts.1.value.0.content', code: 'content_required', message: 'Your post should have at least one character or one image.' },
    ]);
  });
});
