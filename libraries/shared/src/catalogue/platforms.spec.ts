import { appGrantOf, grantedThrough, isPlatformConfigured, isPlatformIdentifier, missingPlatformEnv, PLATFORM_IDENTIFIERS, PLATFORM_LIST, PLATFORMS, platformBrand, platformCatalogue } from './platforms';

describe('platform catalogue', () => {
  it('lists the four providers in order, each keyed by its own identifier', () => {
    expect(PLATFORM_LIST.map((p) => p.identifier)).toEqual(['x', 'instagram', 'instagram-standalone', 'facebook']);
    for (const id of PLATFORM_IDENTIFIERS) expect(PLATFORMS[id].identifier).toBe(id);
  });

  it.each<[string, string, boolean, string[]]>([
    ['x', 'x', false, ['X_API_KEY', 'X_API_SECRET']],
    ['instagram', 'instagram', true, ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET']],
    ['instagram-standalone', 'instagram', false, ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET']],
    ['facebook', 'facebook', true, ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET']],
  ])('%s: family %s, page picking %p, env %j', (id, family, betweenSteps, env) => {
    const platform = PLATFORMS[id as keyof typeof PLATFORMS];
    expect(platform.family).toBe(family);
    expect(platform.isBetweenSteps).toBe(betweenSteps);
    expect(platform.envVars).toEqual(env);
    expect(platform.name.length).toBeGreaterThan(0);
  });

  it('carries the published limits', () => {
    expect(PLATFORMS.x.limits).toMatchObject({ maxWeightedLength: 280, premiumMaxWeightedLength: 25_000, maxImages: 4, maxVideos: 1, maxGifs: 1 });
    expect(PLATFORMS.instagram.limits).toBe(PLATFORMS['instagram-standalone'].limits);
    expect(PLATFORMS.instagram.limits).toMatchObject({ captionMaxLength: 2_200, maxHashtags: 30, maxMentions: 20, carouselMinItems: 2, carouselMaxItems: 10 });
    expect(PLATFORMS.instagram.limits.postTypes).toEqual(['post', 'reel', 'story']);
    expect(PLATFORMS.instagram.limits.publishedImageMimeTypes).toEqual(['image/jpeg']);
    expect(PLATFORMS.facebook.limits.textMaxLength).toBe(63_206);
  });

  it.each<[unknown, boolean]>([
    ['x', true],
    ['instagram-standalone', true],
    ['linkedin', false],
    ['X', false],
    [undefined, false],
    [1, false],
  ])('isPlatformIdentifier(%p) is %p', (value, expected) => {
    expect(isPlatformIdentifier(value)).toBe(expected);
  });

  it('reports missing or blank variables from the env it is given', () => {
    const env = { X_API_KEY: 'key', X_API_SECRET: '  ', FACEBOOK_APP_ID: 'id', FACEBOOK_APP_SECRET: 'secret' };
    expect(missingPlatformEnv('x', env)).toEqual(['X_API_SECRET']);
    expect(isPlatformConfigured('x', env)).toBe(false);
    expect(isPlatformConfigured('facebook', env)).toBe(true);
    expect(platformCatalogue(env)).toEqual([
      { identifier: 'x', name: 'X', configured: false, isBetweenSteps: false },
      { identifier: 'instagram', name: PLATFORMS.instagram.name, configured: true, isBetweenSteps: true },
      { identifier: 'instagram-standalone', name: PLATFORMS['instagram-standalone'].name, configured: false, isBetweenSteps: false },
      { identifier: 'facebook', name: 'Facebook Page', configured: true, isBetweenSteps: true },
    ]);
  });
});

describe('shared platform grants and brands', () => {
  it('names the channels one Meta grant gave, and by which id', () => {
    expect(grantedThrough('facebook')).toEqual({ identifiers: ['instagram', 'facebook'], by: 'root' });
    expect(grantedThrough('instagram')).toEqual({ identifiers: ['instagram-standalone'], by: 'account' });
    expect(appGrantOf('x')).toBeUndefined();
    expect(appGrantOf('not-a-platform')).toBeUndefined();
    expect(appGrantOf('facebook')).toEqual({ app: 'facebook', by: 'root' });
  });

  it('says the platform as people name it', () => {
    expect(PLATFORM_IDENTIFIERS.map(platformBrand)).toEqual(['X', 'Instagram', 'Instagram', 'Facebook']);
    expect(platformBrand('mastodon')).toBe('mastodon');
  });
});
