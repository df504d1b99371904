import { validateCreatePostBody, type BodyIssue } from './validate-create-post-body';
import { CreatePostDto } from './dto/create-post.dto';
import { XSettingsDto } from './dto/provider-settings.dto';

const IMAGE = 'https://app.example.com/uploads/2025/03/01/a.png';

function validBody(): Record<string, unknown> {
  return {
    type: 'schedule',
    date: '2025-03-10T14:30:00.000Z',
    shortLink: false,
    tags: [],
    posts: [
      {
        integration: { id: 'chan-x' },
        value: [{ content: 'Launch day! 🚀', image: [{ id: 'm1', path: IMAGE }] }],
        settings: { __type: 'x', who_can_reply_post: 'everyone' },
      },
    ],
  };
}

function messages(body: unknown, options?: Parameters<typeof validateCreatePostBody>[1]): string[] {
  const result = validateCreatePostBody(body, options);
  return result.ok ? [] : result.issues.map((i: BodyIssue) => i.message);
}

function withPost(patch: Record<string, unknown>): Record<string, unknown> {
  const body = validBody();
  const [post] = body['posts'] as Record<string, unknown>[];
  return { ...body, posts: [{ ...post, ...patch }] };
}

function withValue(patch: Record<string, unknown>): Record<string, unknown> {
  return withPost({ value: [{ content: 'hello', ...patch }] });
}

describe('validateCreatePostBody', () => {
  it('accepts the public API example and returns DTO instances', () => {
    const result = validateCreatePostBody(validBody());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(CreatePostDto);
    expect(result.value.posts[0]?.settings).toBeInstanceOf(XSettingsDto);
    expect(result.value.posts[0]?.settings?.__type).toBe('x');
    expect(result.value.posts[0]?.value[0]?.image?.[0]?.path).toBe(IMAGE);
  });

  it('accepts a minimal body: shortLink, tags, image and settings are optional', () => {
    const result = validateCreatePostBody({
      type: 'draft',
      date: '2025-03-10T14:30:00Z',
      posts: [{ integration: { id: 'c' }, value: [{ content: 'hi' }] }],
    });
    expect(result.ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a missing type', { type: undefined }, 'type should not be null or undefined'],
    ['an unknown type', { type: 'later' }, 'type must be one of the following values: draft, schedule, now, update'],
    ['a missing date', { date: undefined }, 'date should not be null or undefined'],
    ['a date that is not a date', { date: 'tomorrow' }, 'date must be a valid ISO 8601 date string'],
    ['a 13th month', { date: '2025-13-01T10:00:00Z' }, 'date must be a valid ISO 8601 date string'],
    ['February 30th', { date: '2025-02-30T10:00:00Z' }, 'date must be a valid ISO 8601 date string'],
    ['hour 25', { date: '2025-02-03T25:00:00Z' }, 'date must be a valid ISO 8601 date string'],
    ['a numeric date', { date: 1741617000000 }, 'date must be a valid ISO 8601 date string'],
    ['a string shortLink', { shortLink: 'yes' }, 'shortLink must be a boolean value'],
    ['tags that are not an array', { tags: 'launch' }, 'tags must be an array'],
    ['missing posts', { posts: undefined }, 'posts should not be null or undefined'],
    ['posts as an object', { posts: { integration: { id: 'c' } } }, 'posts must be an array'],
    ['no posts', { posts: [] }, 'posts must contain at least 1 elements'],
    ['a string inter', { inter: '7' }, 'inter must be a number conforming to the specified constraints'],
    ['a fractional inter', { inter: 1.5 }, 'inter must be an integer number'],
    ['inter 0', { inter: 0 }, 'inter must not be less than 1'],
    ['inter over a year', { inter: 366 }, 'inter must not be greater than 365'],
  ])('rejects %s', (_case, patch, expected) => {
    expect(messages({ ...validBody(), ...(patch as Record<string, unknown>) })).toContain(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing integration', { integration: undefined }, 'posts.0.integration should not be null or undefined'],
    ['a numeric integration id', { integration: { id: 42 } }, 'posts.0.integration.id must be a string'],
    ['a missing value', { value: undefined }, 'posts.0.value should not be null or undefined'],
    ['an empty value', { value: [] }, 'posts.0.value must contain at least 1 elements'],
    ['string settings', { settings: 'x' }, 'posts.0.settings must be an object'],
    ['a numeric group', { group: 5 }, 'posts.0.group must be a string'],
  ])('rejects a channel entry with %s', (_case, patch, expected) => {
    expect(messages(withPost(patch))).toContain(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no content key', { content: undefined }, 'posts.0.value.0.content should not be null or undefined'],
    ['numeric content', { content: 12 }, 'posts.0.value.0.content must be a string'],
    ['empty content without images', { content: '' }, 'posts.0.value.0. If images do not exist, content must be a non-empty string.'],
    ['image not an array', { image: 'a.png' }, 'posts.0.value.0.image must be an array'],
    ['a numeric image id', { image: [{ id: 1, path: IMAGE }] }, 'posts.0.value.0.image.0.id must be a string'],
    ['an image without a path', { image: [{ id: 'm' }] }, 'posts.0.value.0.image.0.path should not be null or undefined'],
    [
      'an image with a .txt path',
      { image: [{ id: 'm', path: 'https://a.example/file.txt' }] },
      'posts.0.value.0.image.0.File must have a valid extension: .png, .jpg, .jpeg, .gif, .webp, or .mp4',
    ],
    [
      'an upper-case extension (checked case-sensitively)',
      { image: [{ id: 'm', path: 'https://a.example/file.PNG' }] },
      'posts.0.value.0.image.0.File must have a valid extension: .png, .jpg, .jpeg, .gif, .webp, or .mp4',
    ],
    ['a thumbnail that is not a URL', { image: [{ path: IMAGE, thumbnail: 'cover' }] }, 'posts.0.value.0.image.0.thumbnail must be a URL address'],
    ['a negative delay', { delay: -1 }, 'posts.0.value.0.delay must not be less than 0'],
    ['a delay beyond a year', { delay: 1e12 }, 'posts.0.value.0.delay must not be greater than 525600'],
    ['a string delay', { delay: '5' }, 'posts.0.value.0.delay must be a number conforming to the specified constraints'],
  ])('rejects a thread entry with %s', (_case, patch, expected) => {
    expect(messages(withValue(patch))).toContain(expected);
  });

  it('rejects tag elements that are not objects, naming the element', () => {
    const result = validateCreatePostBody({ ...validBody(), tags: ['launch'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ field: 'tags.0', code: 'nestedValidation' })]);
    expect(result.issues[0]?.message).toMatch(/nested property tags must be either object or array/);
  });

  it('accepts tags whatever their fields hold (only the label is used, and unknown labels are ignored)', () => {
    expect(messages({ ...validBody(), tags: [{ value: 1, label: 'launch' }, {}] })).toEqual([]);
  });

  it('accepts empty content when there is an image, and a path with a query string', () => {
    expect(messages(withValue({ content: '', image: [{ id: 'm', path: `${IMAGE}?v=2` }] }))).toEqual([]);
  });

  it('names each failing field with its dotted path and constraint', () => {
    const result = validateCreatePostBody(withValue({ content: 12 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ field: 'posts.0.value.0.content', code: 'isString', message: 'posts.0.value.0.content must be a string' });
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, 'text', [validBody()], 42]) {
      const result = validateCreatePostBody(body);
      expect(result.ok).toBe(false);
    }
  });

  describe('unknown fields', () => {
    it('strips them at every level instead of rejecting the body', () => {
      const body = validBody();
      const [post] = body['posts'] as Record<string, unknown>[];
      const result = validateCreatePostBody({
        ...body,
        creationMethod: 'CLI',
        hacker: true,
        posts: [
          {
            ...post,
            extra: 1,
            integration: { id: 'chan-x', name: 'ignored' },
            value: [{ content: 'hi', image: [{ id: 'm', path: IMAGE, thumbnailTimestamp: 3, weird: 'x' }], junk: true }],
            settings: { __type: 'x', who_can_reply_post: 'everyone', unknown_setting: 'dropped' },
          },
        ],
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const json = JSON.parse(JSON.stringify(result.value));
      expect(json.hacker).toBeUndefined();
      expect(json.creationMethod).toBe('CLI');
      expect(json.posts[0].extra).toBeUndefined();
      expect(json.posts[0].integration).toEqual({ id: 'chan-x' });
      expect(json.posts[0].value[0].junk).toBeUndefined();
      expect(json.posts[0].value[0].image[0]).toEqual({ id: 'm', path: IMAGE, thumbnailTimestamp: 3 });
      expect(json.posts[0].settings).toEqual({ __type: 'x', who_can_reply_post: 'everyone' });
    });
  });

  it('treats empty-string value ids and groups as absent (n8n sends them)', () => {
    const result = validateCreatePostBody(withPost({ group: '', value: [{ content: 'hi', id: '' }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.posts[0]?.group).toBeUndefined();
    expect(result.value.posts[0]?.value[0]?.id).toBeUndefined();
  });

  describe('the type quirk (lenientType)', () => {
    it.each<[unknown, string]>([
      [undefined, 'schedule'],
      ['later', 'schedule'],
      ['draft', 'draft'],
      ['now', 'now'],
      ['update', 'update'],
    ])('reads type %p as %p', (type, expected) => {
      const result = validateCreatePostBody({ ...validBody(), type }, { lenientType: true });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.type).toBe(expected);
    });
  });

  describe('provider settings', () => {
    const platformOf = (id: string): string | undefined => ({ 'chan-x': 'x', 'chan-ig': 'instagram', 'chan-fb': 'facebook' })[id];

    function settingsMessages(integration: string, settings: unknown): string[] {
      return messages(withPost({ integration: { id: integration }, settings }), { platformOf });
    }

    it('overwrites __type with the channel provider, so a wrong __type cannot pick other rules', () => {
      expect(settingsMessages('chan-x', { __type: 'facebook' })).toContain(
        'posts.0.settings.who_can_reply_post must be one of the following values: everyone, following, mentionedUsers, subscribers, verified',
      );
    });

    it('validates omitted settings against the provider rules (a draft to X still needs who_can_reply_post)', () => {
      expect(settingsMessages('chan-x', undefined)).toContain(
        'posts.0.settings.who_can_reply_post must be one of the following values: everyone, following, mentionedUsers, subscribers, verified',
      );
    });

    it.each<[string, unknown, string, string | null]>([
      ['x', { who_can_reply_post: 'everyone' }, 'chan-x', null],
      ['x', { who_can_reply_post: 'nobody' }, 'chan-x', 'posts.0.settings.who_can_reply_post must be one of the following values: everyone, following, mentionedUsers, subscribers, verified'],
      ['x', { who_can_reply_post: 'everyone', community: 'https://x.com/i/communities/123' }, 'chan-x', null],
      [
        'x',
        { who_can_reply_post: 'everyone', community: 'https://evil.example/c' },
        'chan-x',
        'posts.0.settings.Invalid X community URL. It should be in the format: https://x.com/i/communities/1493446837214187523',
      ],
      ['x', { post_type: 'article', article_title: 'T', article_status: 'draft' }, 'chan-x', null],
      ['x', { post_type: 'article', article_status: 'draft' }, 'chan-x', 'posts.0.settings.article_title must be a string'],
      ['x', { post_type: 'article', article_title: 'T', article_status: 'live' }, 'chan-x', 'posts.0.settings.article_status must be one of the following values: draft, published'],
      ['x', { who_can_reply_post: 'everyone', made_with_ai: 'yes' }, 'chan-x', 'posts.0.settings.made_with_ai must be a boolean value'],
      ['x', { who_can_reply_post: 'everyone', poll: { options: ['Rye', 'Spelt'], duration_minutes: 60 } }, 'chan-x', null],
      ['x', { who_can_reply_post: 'everyone', poll: { options: ['Rye'], duration_minutes: 60 } }, 'chan-x', 'posts.0.settings.poll.options must contain at least 2 elements'],
      ['x', { who_can_reply_post: 'everyone', poll: { options: ['Rye', 'x'.repeat(26)], duration_minutes: 60 } }, 'chan-x', 'posts.0.settings.poll.each value in options must be shorter than or equal to 25 characters'],
      ['x', { who_can_reply_post: 'everyone', poll: { options: ['Rye', 'Spelt'], duration_minutes: 4 } }, 'chan-x', 'posts.0.settings.poll.duration_minutes must not be less than 5'],
      ['instagram', { post_type: 'post' }, 'chan-ig', null],
      ['instagram', { post_type: 'reel' }, 'chan-ig', null],
      ['instagram', {}, 'chan-ig', 'posts.0.settings.post_type should not be null or undefined'],
      ['instagram', { post_type: 'carousel' }, 'chan-ig', 'posts.0.settings.post_type must be one of the following values: post, reel, story'],
      ['instagram', { post_type: 'post', collaborators: [{ label: 'ann' }] }, 'chan-ig', null],
      ['instagram', { post_type: 'post', collaborators: [{}] }, 'chan-ig', 'posts.0.settings.collaborators.0.label should not be null or undefined'],
      ['instagram', { post_type: 'post', audio: { id: 'a', audio_volume: 50 } }, 'chan-ig', "posts.0.settings.audio cannot be published: Instagram's API has no way to add music to a post; remove settings.audio"],
      ['instagram', { post_type: 'reel', share_to_feed: false, is_trial_reel: true, graduation_strategy: 'SS_PERFORMANCE' }, 'chan-ig', null],
      ['instagram', { post_type: 'reel', share_to_feed: 'no' }, 'chan-ig', 'posts.0.settings.share_to_feed must be a boolean value'],
      ['instagram', { post_type: 'post', graduation_strategy: 'AUTO' }, 'chan-ig', 'posts.0.settings.graduation_strategy must be one of the following values: MANUAL, SS_PERFORMANCE'],
      ['facebook', {}, 'chan-fb', null],
      ['facebook', { url: '' }, 'chan-fb', null],
      ['facebook', { url: 'not a url' }, 'chan-fb', 'posts.0.settings.url must be a URL address'],
      ['facebook', { post_type: 'reel' }, 'chan-fb', null],
      ['facebook', { post_type: 'carousel' }, 'chan-fb', 'posts.0.settings.post_type must be one of the following values: post, reel, story'],
    ])('%s settings %j', (_platform, settings, integration, expected) => {
      const found = settingsMessages(integration, settings);
      if (expected === null) expect(found).toEqual([]);
      else expect(found).toContain(expected);
    });

    it('keeps __type in the validated settings', () => {
      const result = validateCreatePostBody(withPost({ integration: { id: 'chan-ig' }, settings: { post_type: 'story' } }), { platformOf });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.posts[0]?.settings).toEqual({ __type: 'instagram', post_type: 'story' });
    });

    it('does not mutate the caller’s body', () => {
      const body = withPost({ integration: { id: 'chan-ig' }, settings: { post_type: 'story' } });
      const before = JSON.stringify(body);
      validateCreatePostBody(body, { platformOf, lenientType: true });
      expect(JSON.stringify(body)).toBe(before);
    });
  });
});
