import { graphError, startMetaFixture, type MetaFixture } from '../testing/meta-fixture';
import { FacebookProvider } from './facebook.provider';

/** Meta fetches media from Herald's public URL itself: the bytes are never read here. */
const noBytes = () => Promise.reject(new Error('Meta fetches the file itself'));

const PAGE = '134895793791914';
const tokens = { accessToken: 'EAApage' };
const channel = { id: PAGE };

describe('FacebookProvider publishing', () => {
  let fx: MetaFixture;
  let provider: FacebookProvider;

  beforeEach(async () => {
    fx = await startMetaFixture();
    provider = new FacebookProvider(fx.config, fx.deps);
  });
  afterEach(() => fx.close());

  it('posts text to /feed and takes the permalink from the answer', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}/feed`, { json: { id: `${PAGE}_555`, permalink_url: 'https://www.facebook.com/acme/posts/555' } });

    const post = await provider.publish({ channel, tokens, text: 'Hello Page', media: [] });

    expect(post).toEqual({ id: `${PAGE}_555`, url: 'https://www.facebook.com/acme/posts/555' });
    const request = fx.graph.find('POST', `/v23.0/${PAGE}/feed`)[0];
    expect(request?.json()).toEqual({ message: 'Hello Page' });
    expect(request?.query).toEqual({ fields: 'id,permalink_url' });
    expect(request?.headers.authorization).toBe('Bearer EAApage');
  });

  it('posts one image to /photos, then reads the post permalink', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}/photos`, { json: { id: '777', post_id: `${PAGE}_888` } });
    fx.graph.route('GET', `/v23.0/${PAGE}_888`, { json: { id: `${PAGE}_888`, permalink_url: 'https://www.facebook.com/acme/posts/888' } });

    const post = await provider.publish({ channel, tokens, text: 'pic', media: [{ url: 'https://herald.example/uploads/a.jpg', mimeType: 'image/jpeg', open: noBytes }] });

    expect(post).toEqual({ id: `${PAGE}_888`, url: 'https://www.facebook.com/acme/posts/888' });
    expect(fx.graph.find('POST', `/v23.0/${PAGE}/photos`)[0]?.json()).toEqual({ url: 'https://herald.example/uploads/a.jpg', message: 'pic' });
  });

  it('stages the images but does not post to /feed once the publishing lease’s signal fired', async () => {
    let n = 0;
    fx.graph.route('POST', `/v23.0/${PAGE}/photos`, () => ({ json: { id: `90${++n}` } }));
    fx.graph.route('POST', `/v23.0/${PAGE}/feed`, { json: { id: `${PAGE}_999` } });
    const media = [1, 2].map((i) => ({ url: `https://herald.example/uploads/${i}.jpg`, mimeType: 'image/jpeg', open: noBytes }));
    const lost = new Error('lease lost');

    await expect(provider.publish({ channel, tokens, text: 'album', media, signal: AbortSignal.abort(lost) })).rejects.toBe(lost);
    // Unpublished photos show nowhere; the /feed post that would is not sent.
    expect(fx.graph.find('POST', `/v23.0/${PAGE}/photos`)).toHaveLength(2);
    expect(fx.graph.find('POST', `/v23.0/${PAGE}/feed`)).toHaveLength(0);
  });

  it('stages several images unpublished and attaches them to one /feed post', async () => {
    let n = 0;
    fx.graph.route('POST', `/v23.0/${PAGE}/photos`, () => ({ json: { id: `90${++n}` } }));
    fx.graph.route('POST', `/v23.0/${PAGE}/feed`, { json: { id: `${PAGE}_999` } });
    fx.graph.route('GET', `/v23.0/${PAGE}_999`, { json: { permalink_url: 'https://www.facebook.com/acme/posts/999' } });
    const media = [1, 2].map((i) => ({ url: `https://herald.example/uploads/${i}.jpg`, mimeType: 'image/jpeg', open: noBytes }));

    await provider.publish({ channel, tokens, text: 'album', media });

    expect(fx.graph.find('POST', `/v23.0/${PAGE}/photos`).map((r) => r.json())).toEqual([
      { url: 'https://herald.example/uploads/1.jpg', published: false },
      { url: 'https://herald.example/uploads/2.jpg', published: false },
    ]);
    expect(fx.graph.find('POST', `/v23.0/${PAGE}/feed`)[0]?.json()).toEqual({
      message: 'album',
      attached_media: [{ media_fbid: '901' }, { media_fbid: '902' }],
    });
  });

  it('posts a video with file_url and makes a relative permalink absolute', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}/videos`, { json: { id: '1200' } });
    fx.graph.route('GET', '/v23.0/1200', { json: { permalink_url: '/acme/videos/1200/' } });

    const post = await provider.publish({ channel, tokens, text: 'clip', media: [{ url: 'https://herald.example/uploads/v.mp4', mimeType: 'video/mp4', open: noBytes }] });

    expect(post.url).toBe('https://www.facebook.test/acme/videos/1200/');
    expect(fx.graph.find('POST', `/v23.0/${PAGE}/videos`)[0]?.json()).toEqual({ file_url: 'https://herald.example/uploads/v.mp4', description: 'clip' });
  });

  it('takes a duplicate post for perhaps its own, to be looked for', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}/feed`, { status: 400, json: graphError(506, undefined, 'Duplicate status message') });
    await expect(provider.publish({ channel, tokens, text: 'same', media: [] })).rejects.toMatchObject({ kind: 'unknown_outcome', outcomeHint: { duplicate: true }, platform: { code: 506 } });
  });

  it('reports an unknown outcome when /feed answers 500', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}/feed`, { status: 500, json: graphError(2, undefined, 'Service temporarily unavailable', { is_transient: true }) });
    await expect(provider.publish({ channel, tokens, text: 't', media: [] })).rejects.toMatchObject({ kind: 'unknown_outcome' });
  });

  it('comments on a post', async () => {
    fx.graph.route('POST', `/v23.0/${PAGE}_555/comments`, { json: { id: '555_1' } });
    fx.graph.route('GET', '/v23.0/555_1', { json: { permalink_url: 'https://www.facebook.com/acme/posts/555?comment_id=1' } });

    const comment = await provider.comment({ channel, tokens, text: 'more', media: [], parentId: `${PAGE}_555` });

    expect(comment).toEqual({ id: '555_1', url: 'https://www.facebook.com/acme/posts/555?comment_id=1' });
    expect(fx.graph.find('POST', `/v23.0/${PAGE}_555/comments`)[0]?.json()).toEqual({ message: 'more' });
  });

  it('finds a post with the same message for an unknown outcome', async () => {
    fx.graph.route('GET', `/v23.0/${PAGE}/feed`, {
      json: { data: [{ id: `${PAGE}_1`, message: 'launch', permalink_url: 'https://www.facebook.com/acme/posts/1', created_time: '2026-03-01T12:00:03+0000' }] },
    });
    await expect(provider.checkOutcome({ channel, tokens, text: 'launch', since: new Date('2026-03-01T12:00:00Z') })).resolves.toEqual({
      status: 'published',
      id: `${PAGE}_1`,
      url: 'https://www.facebook.com/acme/posts/1',
    });
    await expect(provider.checkOutcome({ channel, tokens, text: 'other', since: new Date('2026-03-01T12:00:00Z') })).resolves.toEqual({
      status: 'not_found',
    });
    expect(fx.graph.find('GET', `/v23.0/${PAGE}/feed`)[0]?.query).toEqual({ fields: 'id,message,permalink_url,created_time', since: String(Date.parse('2026-03-01T11:59:00Z') / 1000), limit: '100' });
  });

  it('matches the message as Graph returns it (a link post keeps its link out of the message), earliest first, across pages', async () => {
    fx.graph.route('GET', `/v23.0/${PAGE}/feed`, (req) =>
      req.query.after
        ? { json: { data: [{ id: `${PAGE}_2`, message: 'Fish & chips 🐟', permalink_url: '/acme/posts/2', created_time: '2026-03-01T12:00:02+0000' }] } }
        : { json: { data: [{ id: `${PAGE}_3`, message: 'Fish & chips 🐟', created_time: '2026-03-01T12:00:30+0000' }], paging: { cursors: { after: 'B' }, next: 'https://graph/next' } } },
    );
    await expect(provider.checkOutcome({ channel, tokens, text: 'Fish & chips 🐟\n', since: new Date('2026-03-01T12:00:00Z') })).resolves.toEqual({
      status: 'published',
      id: `${PAGE}_2`,
      url: 'https://www.facebook.test/acme/posts/2',
    });
  });
});
