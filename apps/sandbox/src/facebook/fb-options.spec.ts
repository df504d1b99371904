import { type SandboxHandle } from '../sandbox';
import { FB_SCOPES, fbConnect, graph, igConnect } from '../test-support/flows';
import { httpsRequest } from '../test-support/http-client';
import { type MediaServer } from '../test-support/media-server';
import { FB_APP, useSandboxPerTest } from '../test-support/test-sandbox';

// Each leniency the Graph stand-in no longer has, as Meta's docs describe the real API (docs/platforms.md,
// "Instagram options" and "Facebook options").
describe('Graph options: what the sandbox now refuses or records', () => {
  let sb: SandboxHandle;
  let media: MediaServer;
  useSandboxPerTest((h) => ({ sb, media } = h));

  const PAGE = '110000000000101';
  const pageToken = async (persona = 'alice', scopes = FB_SCOPES): Promise<string> => {
    const user = await fbConnect(sb, persona, [], scopes);
    return ((await graph(sb, 'fb', 'GET', `/${PAGE}`, { fields: 'access_token', access_token: user })).json() as { access_token: string }).access_token;
  };
  const rupload = (videoId: string, token: string, fileUrl?: string) =>
    httpsRequest(`${sb.urls.FACEBOOK_RUPLOAD_URL}/video-upload/${sb.urls.FACEBOOK_GRAPH_VERSION}/${videoId}`, sb.caCertPem, {
      method: 'POST',
      headers: { Authorization: `OAuth ${token}`, ...(fileUrl ? { file_url: fileUrl } : {}) },
    });

  describe('Instagram containers', () => {
    let token: string;
    let ig: string;
    beforeEach(async () => {
      ({ token, userId: ig } = await igConnect(sb, 'alice'));
    });
    const create = (params: Record<string, string>) => graph(sb, 'ig', 'POST', `/${ig}/media`, { ...params, access_token: token });

    it('refuses a parameter the kind of container does not take (was: accepted and dropped)', async () => {
      expect((await create({ image_url: media.url('/square.jpg'), share_to_feed: 'true' })).json()).toMatchObject({ error: { code: 100, message: expect.stringContaining('share_to_feed') } });
      expect((await create({ media_type: 'STORIES', image_url: media.url('/square.jpg'), caption: 'no captions on stories' })).json()).toMatchObject({ error: { code: 100, message: expect.stringContaining('caption') } });
      expect((await create({ media_type: 'STORIES', image_url: media.url('/square.jpg'), collaborators: '["ann"]' })).json()).toMatchObject({ error: { code: 100 } });
      expect((await create({ image_url: media.url('/square.jpg'), trial_params: '{"graduation_strategy":"MANUAL"}' })).json()).toMatchObject({ error: { code: 100 } });
      expect((await create({ image_url: media.url('/square.jpg'), postType: 'story' })).json()).toMatchObject({ error: { code: 100, message: expect.stringContaining('postType') } });
    });

    it('checks collaborators (≤3 usernames, no @) and trial_params', async () => {
      const reel = { media_type: 'REELS', video_url: media.url('/clip.mp4') };
      expect((await create({ ...reel, collaborators: '["a","b","c","d"]' })).json()).toMatchObject({ error: { code: 100 } });
      expect((await create({ ...reel, collaborators: '["@ann"]' })).json()).toMatchObject({ error: { code: 100 } });
      expect((await create({ ...reel, trial_params: '{"graduation_strategy":"SOON"}' })).json()).toMatchObject({ error: { code: 100 } });
      expect((await create({ ...reel, share_to_feed: 'yes' })).json()).toMatchObject({ error: { code: 100 } });
      const ok = await create({ ...reel, collaborators: '["ann","bob"]', trial_params: '{"graduation_strategy":"SS_PERFORMANCE"}', share_to_feed: 'false', cover_url: media.url('/square.jpg') });
      expect(ok.status).toBe(200);
    });

    it('fetches a Reel cover like any image: a PNG cover is refused', async () => {
      expect((await create({ media_type: 'REELS', video_url: media.url('/clip.mp4'), cover_url: media.url('/image.png') })).json()).toMatchObject({ error: { error_subcode: 2207005 } });
    });

    it('checks video durations from the movie header: a 2-minute story video ends in ERROR, a 2-minute Reel is fine', async () => {
      const story = (await create({ media_type: 'STORIES', video_url: media.url('/long-vertical.mp4') })).json() as { id: string };
      const reel = (await create({ media_type: 'REELS', video_url: media.url('/long-vertical.mp4') })).json() as { id: string };
      const status = async (id: string) => (await graph(sb, 'ig', 'GET', `/${id}`, { fields: 'status_code,status', access_token: token })).json() as { status_code: string; status?: string };
      sb.clock.advance(60_000);
      expect(await status(story.id)).toMatchObject({ status_code: 'ERROR', status: expect.stringContaining('3 to 60 s') });
      expect(await status(reel.id)).toMatchObject({ status_code: 'FINISHED' });
    });

    it('records what the publish received under Graph names', async () => {
      const created = await create({ image_url: media.url('/square.jpg'), caption: 'cat', alt_text: 'a cat', collaborators: '["ann"]' });
      await graph(sb, 'ig', 'POST', `/${ig}/media_publish`, { creation_id: (created.json() as { id: string }).id, access_token: token });
      expect(sb.ledger.published[0]?.params).toEqual({ image_url: media.url('/square.jpg'), caption: 'cat', alt_text: 'a cat', collaborators: '["ann"]' });
    });
  });

  describe('Facebook Pages', () => {
    it('refuses parameters /feed and /photos do not have (a Postiz name sent as it is was dropped before)', async () => {
      const page = await pageToken();
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: 'hi', url: 'https://example.com', access_token: page })).json()).toMatchObject({ error: { code: 100, message: expect.stringContaining('url') } });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/photos`, { url: media.url('/square.jpg'), post_type: 'story', access_token: page })).json()).toMatchObject({ error: { code: 100 } });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: 'hi', link: 'https://example.com', access_token: page })).status).toBe(200);
    });

    it('publishes a video from file_url on /{page}/videos', async () => {
      const page = await pageToken();
      const video = await graph(sb, 'fb', 'POST', `/${PAGE}/videos`, { file_url: media.url('/clip.mp4'), description: 'clip', access_token: page });
      expect(video.json()).toEqual({ id: expect.any(String) });
      expect(sb.ledger.published[0]).toMatchObject({ kind: 'video', text: 'clip', params: { file_url: media.url('/clip.mp4'), description: 'clip' } });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/videos`, { file_url: media.url('/square.jpg'), access_token: page })).json()).toMatchObject({ error: { code: 352 } });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/videos`, { file_url: media.url('/clip.mp4'), message: 'wrong name', access_token: page })).json()).toMatchObject({ error: { code: 100 } });
    });

    it('runs the Reels flow: start, upload by file_url on rupload, finish with video_state; finishing before the upload fails', async () => {
      const page = await pageToken();
      const start = (await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'start', access_token: page })).json() as { video_id: string; upload_url: string };
      expect(start.upload_url).toBe(`https://rupload.facebook.com/video-upload/${sb.urls.FACEBOOK_GRAPH_VERSION}/${start.video_id}`);
      const early = await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'finish', video_id: start.video_id, video_state: 'PUBLISHED', access_token: page });
      expect(early.json()).toMatchObject({ error: { code: 6000 } });
      expect((await rupload(start.video_id, page)).json()).toMatchObject({ error: { code: 100 } });
      expect((await rupload(start.video_id, page, media.url('/clip.mp4'))).json()).toEqual({ success: true });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'finish', video_id: start.video_id, access_token: page })).json()).toMatchObject({ error: { code: 100 } });
      const done = await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'finish', video_id: start.video_id, video_state: 'PUBLISHED', description: 'my reel', access_token: page });
      expect(done.json()).toEqual({ success: true });
      expect(sb.ledger.published[0]).toMatchObject({ kind: 'reel', releaseId: start.video_id, text: 'my reel', params: { upload_phase: 'finish', video_state: 'PUBLISHED', description: 'my reel' } });
    });

    it('refuses a Reel longer than 90 s or not 9:16 at finish, with the limit in the message', async () => {
      const page = await pageToken();
      for (const [file, limit] of [['/long-vertical.mp4', '3 to 90 seconds'], ['/landscape.mp4', '9:16']] as const) {
        const start = (await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'start', access_token: page })).json() as { video_id: string };
        await rupload(start.video_id, page, media.url(file));
        const done = await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'finish', video_id: start.video_id, video_state: 'PUBLISHED', access_token: page });
        expect(done.json()).toMatchObject({ error: { code: 6000, message: expect.stringContaining(limit) } });
      }
      const ok = (await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'start', access_token: page })).json() as { video_id: string };
      await rupload(ok.video_id, page, media.url('/vertical.mp4'));
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/video_reels`, { upload_phase: 'finish', video_id: ok.video_id, video_state: 'PUBLISHED', access_token: page })).json()).toEqual({ success: true });
    });

    it('publishes photo and video stories', async () => {
      const page = await pageToken();
      const photo = (await graph(sb, 'fb', 'POST', `/${PAGE}/photos`, { url: media.url('/square.jpg'), published: 'false', access_token: page })).json() as { id: string };
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/photo_stories`, { photo_id: photo.id, access_token: page })).json()).toEqual({ success: true, post_id: expect.stringMatching(new RegExp(`^${PAGE}_`)) });
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/photo_stories`, { photo_id: photo.id, access_token: page })).json()).toMatchObject({ error: { code: 100 } });
      const start = (await graph(sb, 'fb', 'POST', `/${PAGE}/video_stories`, { upload_phase: 'start', access_token: page })).json() as { video_id: string };
      await rupload(start.video_id, page, media.url('/clip.mp4'));
      expect((await graph(sb, 'fb', 'POST', `/${PAGE}/video_stories`, { upload_phase: 'finish', video_id: start.video_id, access_token: page })).json()).toEqual({ success: true, post_id: expect.any(String) });
      expect(sb.ledger.published.map((e) => e.kind)).toEqual(['story', 'story']);
    });

    it('comments as the Page only with pages_manage_engagement, and never with a user token', async () => {
      const page = await pageToken();
      const post = (await graph(sb, 'fb', 'POST', `/${PAGE}/feed`, { message: 'hello', access_token: page })).json() as { id: string };
      const user = await fbConnect(sb, 'alice');
      expect((await graph(sb, 'fb', 'POST', `/${post.id}/comments`, { message: 'as me', access_token: user })).json()).toMatchObject({ error: { code: 200 } });
      const narrow = await pageToken('alice', FB_SCOPES.filter((s) => s !== 'pages_manage_engagement'));
      expect((await graph(sb, 'fb', 'POST', `/${post.id}/comments`, { message: 'no scope', access_token: narrow })).json()).toMatchObject({ error: { code: 200 } });
    });

    it('DELETE /me/permissions refuses a Page token; /{user-id}/permissions takes the app token', async () => {
      const user = await fbConnect(sb, 'alice');
      const page = ((await graph(sb, 'fb', 'GET', `/${PAGE}`, { fields: 'access_token', access_token: user })).json() as { access_token: string }).access_token;
      expect((await graph(sb, 'fb', 'DELETE', '/me/permissions', { access_token: page })).json()).toMatchObject({ error: { code: 100 } });
      expect((await graph(sb, 'fb', 'DELETE', '/100000000000101/permissions', { access_token: page })).json()).toMatchObject({ error: { code: 100 } });
      expect((await graph(sb, 'fb', 'DELETE', '/100000000000101/permissions', { access_token: `${FB_APP.appId}|wrong` })).json()).toMatchObject({ error: { code: 190 } });
      expect((await graph(sb, 'fb', 'DELETE', '/100000000000101/permissions', { access_token: `${FB_APP.appId}|${FB_APP.appSecret}` })).json()).toEqual({ success: true });
      expect((await graph(sb, 'fb', 'GET', '/me', { access_token: user })).json()).toMatchObject({ error: { code: 190, error_subcode: 458 } });
    });
  });
});
