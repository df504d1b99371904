import { api } from '../public-api.fixtures';
import { connect, type MetaStack, onPlatform, post, postBody, settled, startMetaStack } from './meta-stack';

/**
 * Every Instagram and Facebook option a person picks, from POST /posts (and once from /public/v1/posts) to what
 * the strict sandbox received, under Graph's names (docs/platforms.md, "Instagram options" and "Facebook options").
 */
const DATABASE = 'herald_meta_options';
const REDIS_DB = 2;

async function waitForLedger<T>(read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the platform never received it');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Instagram and Facebook options reach Graph', () => {
  let s: MetaStack;
  let ig: { id: string; internalId: string };
  let igFb: { id: string; internalId: string };
  let fb: { id: string; internalId: string };

  beforeAll(async () => {
    s = await startMetaStack(DATABASE, REDIS_DB);
    ig = await connect(s, 'instagram-standalone', 'alice');
    igFb = await connect(s, 'instagram', 'alice', '17841400000000102');
    fb = await connect(s, 'facebook', 'alice', '110000000000101');
  }, 90_000);
  afterAll(async () => {
    await s?.close();
  });

  const jpg = () => s.file('/square.jpg');
  const mp4 = () => s.file('/clip.mp4');

  describe('Instagram (Instagram Login)', () => {
    it('a feed image carries its alt text and collaborators', async () => {
      const row = await settled(s, await post(s, ig.id, [{ content: 'feed image', image: [{ path: jpg(), alt: 'A loaf of bread' }] }], { post_type: 'post', collaborators: [{ label: '@ann.bakes' }, { label: 'bob' }] }));
      expect(row).toMatchObject({ state: 'PUBLISHED', error: null });
      const [entry] = onPlatform(s, 'feed image');
      expect(entry).toMatchObject({ platform: 'instagram', via: 'instagram-login', kind: 'image', releaseId: row.releaseId });
      expect(entry?.params).toEqual({ image_url: jpg(), caption: 'feed image', alt_text: 'A loaf of bread', collaborators: '["ann.bakes","bob"]' });
    }, 60_000);

    it('a story goes out as STORIES (it used to become a feed image)', async () => {
      const row = await settled(s, await post(s, ig.id, [{ content: '', image: [{ path: jpg() }] }], { post_type: 'story' }));
      expect(row.state).toBe('PUBLISHED');
      const entry = s.h.sandbox.ledger.published.find((e) => e.releaseId === row.releaseId);
      expect(entry).toMatchObject({ kind: 'story', params: { media_type: 'STORIES', image_url: jpg() } });
    }, 60_000);

    it('a video story', async () => {
      const row = await settled(s, await post(s, ig.id, [{ content: '', image: [{ path: mp4() }] }], { post_type: 'story' }));
      expect(s.h.sandbox.ledger.published.find((e) => e.releaseId === row.releaseId)).toMatchObject({ kind: 'story', params: { media_type: 'STORIES', video_url: mp4() } });
    }, 60_000);

    it('a trial Reel with its own cover, share_to_feed and collaborators', async () => {
      const settings = { post_type: 'reel', share_to_feed: false, is_trial_reel: true, graduation_strategy: 'SS_PERFORMANCE', collaborators: [{ label: 'ann' }] };
      const row = await settled(s, await post(s, ig.id, [{ content: 'trial reel', image: [{ path: mp4(), thumbnail: jpg() }] }], settings));
      expect(row.state).toBe('PUBLISHED');
      expect(onPlatform(s, 'trial reel')[0]).toMatchObject({ kind: 'reel' });
      expect(onPlatform(s, 'trial reel')[0]?.params).toEqual({
        media_type: 'REELS',
        video_url: mp4(),
        caption: 'trial reel',
        cover_url: jpg(),
        share_to_feed: 'false',
        collaborators: '["ann"]',
        trial_params: '{"graduation_strategy":"SS_PERFORMANCE"}',
      });
    }, 60_000);

    it('a carousel of an image (with alt text) and a video, collaborators on the carousel', async () => {
      const row = await settled(s, await post(s, ig.id, [{ content: 'carousel', image: [{ path: jpg(), alt: 'first' }, { path: mp4() }] }], { post_type: 'post', collaborators: [{ label: 'ann' }] }));
      expect(row.state).toBe('PUBLISHED');
      const [entry] = onPlatform(s, 'carousel');
      expect(entry).toMatchObject({ kind: 'carousel', params: { media_type: 'CAROUSEL', caption: 'carousel', collaborators: '["ann"]' } });
      expect(entry?.itemParams).toEqual([
        { image_url: jpg(), is_carousel_item: 'true', alt_text: 'first' },
        { media_type: 'VIDEO', video_url: mp4(), is_carousel_item: 'true' },
      ]);
    }, 60_000);

    it('refuses options a kind of post cannot take, with a 400 naming the field', async () => {
      const story = await s.session.agent.post('/posts').send(postBody(ig.id, [{ content: '', image: [{ path: jpg() }] }], { post_type: 'story', collaborators: [{ label: 'ann' }] }));
      expect(story.status).toBe(400);
      expect(JSON.stringify(story.body)).toContain('settings.collaborators');
      const music = await s.session.agent.post('/posts').send(postBody(ig.id, [{ content: 'x', image: [{ path: jpg() }] }], { post_type: 'post', audio: { id: '1' } }));
      expect(music.status).toBe(400);
      expect(JSON.stringify(music.body)).toContain('audio');
      const trial = await s.session.agent.post('/posts').send(postBody(ig.id, [{ content: 'x', image: [{ path: jpg() }] }], { post_type: 'post', is_trial_reel: true }));
      expect(trial.status).toBe(400);
      expect(JSON.stringify(trial.body)).toContain('settings.is_trial_reel');
    });
  });

  describe('Instagram (Facebook Login)', () => {
    it('a Reel with share_to_feed, then its first comment', async () => {
      const row = await settled(s, await post(s, igFb.id, [{ content: 'fb-login reel', image: [{ path: mp4() }] }, { content: 'first comment on the reel' }], { post_type: 'reel', share_to_feed: true }));
      expect(row.state).toBe('PUBLISHED');
      expect(onPlatform(s, 'fb-login reel')[0]).toMatchObject({ via: 'facebook-login', kind: 'reel', accountId: igFb.internalId, params: { media_type: 'REELS', share_to_feed: 'true' } });
      const comment = await waitForLedger(() => onPlatform(s, 'first comment on the reel')[0]);
      expect(comment).toMatchObject({ kind: 'comment', parentId: row.releaseId, accountId: igFb.internalId });
    }, 60_000);
  });

  describe('Facebook Page', () => {
    it('a link post attaches the link (it used to be dropped)', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'read this' }], { post_type: 'post', url: 'https://example.com/article' }));
      expect(row.state).toBe('PUBLISHED');
      expect(onPlatform(s, 'read this')[0]).toMatchObject({ kind: 'post', params: { message: 'read this', link: 'https://example.com/article' } });
    }, 60_000);

    it('a multi-photo post: unpublished photos attached to one feed post', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'two photos', image: [{ path: jpg() }, { path: s.file('/portrait.jpg') }] }], { post_type: 'post' }));
      expect(row.state).toBe('PUBLISHED');
      const [entry] = onPlatform(s, 'two photos');
      expect(entry).toMatchObject({ kind: 'post', mediaUrls: [jpg(), s.file('/portrait.jpg')] });
      expect(Object.keys(entry?.params ?? {}).some((k) => k.startsWith('attached_media'))).toBe(true);
    }, 60_000);

    it('a video goes to /{page}/videos', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'a video', image: [{ path: mp4() }] }], { post_type: 'post' }));
      expect(row.state).toBe('PUBLISHED');
      expect(onPlatform(s, 'a video')[0]).toMatchObject({ kind: 'video', params: { file_url: mp4(), description: 'a video' } });
    }, 60_000);

    it('a Reel goes through video_reels start, upload and finish', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'page reel', image: [{ path: s.file('/vertical.mp4') }] }], { post_type: 'reel' }));
      expect(row).toMatchObject({ state: 'PUBLISHED', releaseURL: expect.stringMatching(/\/reel\/\d+$/) });
      expect(onPlatform(s, 'page reel')[0]).toMatchObject({ kind: 'reel', releaseId: row.releaseId, params: { upload_phase: 'finish', video_state: 'PUBLISHED', description: 'page reel' } });
    }, 60_000);

    it('a Reel over 90 s fails with Meta\'s limit in the post\'s error', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'too long reel', image: [{ path: s.file('/long-vertical.mp4') }] }], { post_type: 'reel' }));
      expect(row.state).toBe('ERROR');
      expect(row.error).toContain('3 to 90 seconds');
      expect(onPlatform(s, 'too long reel')).toEqual([]);
    }, 60_000);

    it('a photo story and a video story (a story used to go to the feed)', async () => {
      const photo = await settled(s, await post(s, fb.id, [{ content: '', image: [{ path: jpg() }] }], { post_type: 'story' }));
      const video = await settled(s, await post(s, fb.id, [{ content: '', image: [{ path: mp4() }] }], { post_type: 'story' }));
      expect([photo.state, video.state]).toEqual(['PUBLISHED', 'PUBLISHED']);
      expect(s.h.sandbox.ledger.published.find((e) => e.releaseId === photo.releaseId)).toMatchObject({ kind: 'story', params: { photo_id: expect.any(String) } });
      expect(s.h.sandbox.ledger.published.find((e) => e.releaseId === video.releaseId)).toMatchObject({ kind: 'story', params: { upload_phase: 'finish' } });
    }, 60_000);

    it('a post with a first comment publishes both, the comment as the Page', async () => {
      const row = await settled(s, await post(s, fb.id, [{ content: 'post with a comment' }, { content: 'the first comment' }], { post_type: 'post' }));
      expect(row.state).toBe('PUBLISHED');
      const comment = await waitForLedger(() => onPlatform(s, 'the first comment')[0]);
      expect(comment).toMatchObject({ platform: 'facebook', kind: 'comment', parentId: row.releaseId, accountId: fb.internalId });
    }, 60_000);

    it('a Reel through /public/v1/posts', async () => {
      const key = ((await s.session.agent.post('/settings/api-key').expect(201)).body as { apiKey: string }).apiKey;
      const created = await api(s.h.backend, key).post('/posts').send(postBody(fb.id, [{ content: 'public api reel', image: [{ path: mp4() }] }], { __type: 'facebook', post_type: 'reel' }));
      expect(created.status).toBe(201);
      const row = await settled(s, (created.body as Array<{ postId: string }>)[0]?.postId ?? '');
      expect(row.state).toBe('PUBLISHED');
      expect(onPlatform(s, 'public api reel')[0]).toMatchObject({ kind: 'reel', params: { video_state: 'PUBLISHED' } });
    }, 60_000);

    it('refuses a link on a photo post with a 400 naming settings.url', async () => {
      const res = await s.session.agent.post('/posts').send(postBody(fb.id, [{ content: 'x', image: [{ path: jpg() }] }], { post_type: 'post', url: 'https://example.com' }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('settings.url');
    });
  });

  it('disconnecting the last channel of a Facebook grant revokes it with the app token, never a Page token', async () => {
    const before = s.h.sandbox.ledger.requests.length;
    const first = await s.session.agent.delete(`/integrations/${igFb.id}`).expect(200);
    expect(first.body).toMatchObject({ revoked: false, revokeError: expect.stringContaining('1 other channel(s) use the same Facebook grant') });
    const kept = s.h.sandbox.ledger.requests.slice(before).filter((r) => r.method === 'DELETE');
    expect(kept).toEqual([]);
    const res = await s.session.agent.delete(`/integrations/${fb.id}`).expect(200);
    expect(res.body).toMatchObject({ revoked: true });
    const deletes = s.h.sandbox.ledger.requests.slice(before).filter((r) => r.method === 'DELETE');
    expect(deletes).toEqual([expect.objectContaining({ path: expect.stringMatching(/\/100000000000101\/permissions$/), status: 200 })]);
  });
});

describe('a Meta permission the channel lost', () => {
  let s: MetaStack;
  beforeAll(async () => {
    s = await startMetaStack('herald_meta_permissions', 3);
  }, 90_000);
  afterAll(async () => {
    await s?.close();
  });

  it('a first comment refused for pages_manage_engagement names it and asks for a reconnect, which can grant it', async () => {
    const fb = await connect(s, 'facebook', 'bob', '120000000000201');
    // The person removes the permission in Facebook's settings: Meta drops it from every token of the grant.
    const userToken = [...s.h.sandbox.ledger.tokens].reverse().find((t) => t.platform === 'facebook' && t.kind === 'fb-user-long');
    const removed = await s.h.browser.delete(`${s.h.sandbox.urls.FACEBOOK_GRAPH_URL}/${s.h.sandbox.urls.FACEBOOK_GRAPH_VERSION}/me/permissions/pages_manage_engagement`, {
      headers: { Authorization: `Bearer ${userToken?.value ?? ''}` },
    });
    expect(removed.status).toBe(200);

    const rootId = await post(s, fb.id, [{ content: 'root survives' }, { content: 'comment refused' }], { post_type: 'post' });
    expect((await settled(s, rootId)).state).toBe('PUBLISHED');
    const deadline = Date.now() + 20_000;
    let comment = await s.h.backend.db.post.findFirstOrThrow({ where: { parentPostId: rootId } });
    while (comment.state !== 'ERROR' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      comment = await s.h.backend.db.post.findFirstOrThrow({ where: { parentPostId: rootId } });
    }
    expect(comment.state).toBe('ERROR');
    expect(comment.error).toContain('pages_manage_engagement');
    expect(comment.error).toContain('Reconnect the channel and allow pages_manage_engagement');
    expect(onPlatform(s, 'comment refused')).toEqual([]);
    expect((await s.h.backend.db.integration.findUniqueOrThrow({ where: { id: fb.id } })).refreshNeeded).toBe(true);
  }, 60_000);
});
