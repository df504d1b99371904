import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSecretContext } from '@herald/core';
import { writePaddedMp4 } from '../../../scripts/lib/padded-mp4.cjs';
import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

// Posts due in a second go out through the real workers to the strict sandbox, with the right text and media.
describe('publishing to each platform', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_publish', redisDb: 10 });
    await h.startWorkers();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('publishes an X post with an image, and records its id and URL', async () => {
    const channel = await connectChannel(h, 'x');
    const text = unique('X with an image');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/image.png')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'PUBLISHED', error: null, leaseOwner: null });
    const [tweet, ...others] = ledgerWith(h, text);
    expect(others).toHaveLength(0);
    expect(tweet).toMatchObject({ platform: 'x', kind: 'tweet', accountId: channel.internalId, releaseId: post.releaseId });
    expect(tweet?.media).toHaveLength(1);
    expect(tweet?.media[0]?.format).toBe('png');
    // The bytes were read from UPLOAD_DIRECTORY: nothing fetched the file over HTTP.
    expect(h.media.hits('/image.png')).toBe(0);
    expect(post.releaseURL).toContain(post.releaseId ?? 'missing');
    expect(post.publishedAt).not.toBeNull();
  });

  it('publishes a 300 MB video to X: the worker streams it from UPLOAD_DIRECTORY in 4 MB segments', async () => {
    const channel = await connectChannel(h, 'x');
    const text = unique('X with a long video');
    const size = 300 * 1024 * 1024;
    const file = await h.media.newFile('mp4');
    // A real MP4 padded to 300 MB with a `free` box: a hole in a sparse file, written in no time.
    await writePaddedMp4(file.path, size);
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [file.url] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR'], 110_000);
    expect(post).toMatchObject({ state: 'PUBLISHED', error: null });
    const [tweet] = ledgerWith(h, text);
    expect(tweet?.media).toEqual([expect.objectContaining({ bytes: size, format: 'mp4' })]);
    const mediaId = tweet?.media[0]?.url.replace('x-media:', '');
    const appends = h.sandbox.ledger.requests.filter((r) => r.path === `/2/media/upload/${mediaId}/append` && r.status === 200);
    expect(appends).toHaveLength(75);
    // Memory is measured in bench/publish-video-rss.mjs (the worker's RSS while it publishes a 500 MB video).
  }, 120_000);

  it('fails a video over X’s 512 MB that reaches the worker, saying so, before anything is sent to X', async () => {
    const channel = await connectChannel(h, 'x');
    const text = unique('X with a video too large');
    const file = await h.media.newFile('mp4');
    await writePaddedMp4(file.path, 600 * 1024 * 1024);
    const initialized = h.sandbox.ledger.requests.filter((r) => r.path === '/2/media/upload/initialize').length;
    // Written straight to the table: creation refuses it (media_too_large), a row from before that check does not.
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [file.url] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'bad_content', error: expect.stringContaining('This file is 600 MB; X takes videos of at most 512 MB') });
    expect(h.sandbox.ledger.requests.filter((r) => r.path === '/2/media/upload/initialize')).toHaveLength(initialized);
    expect(ledgerWith(h, text)).toHaveLength(0);
  });

  it('never fetches a media path that is not a file of Herald’s uploads, nor names its address', async () => {
    let hits = 0;
    const listener = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end('not an image');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      const channel = await connectChannel(h, 'x');
      const text = unique('X with an internal address');
      // Written straight to the table, as a row from before the check at creation (or from a database writer).
      const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [`http://127.0.0.1:${port}/a.png`] });
      const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
      expect(post).toMatchObject({ state: 'ERROR', errorCode: 'bad_content' });
      expect(post.error).toMatch(/not a file of Herald’s uploads/);
      expect(post.error).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\d{4,5}/);
      expect(hits).toBe(0);
      expect(ledgerWith(h, text)).toHaveLength(0);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('publishes an X thread of three, each reply answering the tweet before it', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'bob' });
    const texts = [unique('thread 1/3'), unique('thread 2/3'), unique('thread 3/3')];
    const ids = await createPost(h, { integrationId: channel.id, content: texts[0] ?? '', thread: [{ content: texts[1] ?? '' }, { content: texts[2] ?? '' }] });
    const posts = [];
    for (const id of ids) posts.push(await waitForState(h, id, ['PUBLISHED', 'ERROR']));
    expect(posts.map((p) => p.state)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    const tweets = texts.map((text) => ledgerWith(h, text));
    expect(tweets.map((t) => t.length)).toEqual([1, 1, 1]);
    expect(tweets[0]?.[0]?.replyToId).toBeUndefined();
    expect(tweets[1]?.[0]?.replyToId).toBe(posts[0]?.releaseId);
    expect(tweets[2]?.[0]?.replyToId).toBe(posts[1]?.releaseId);
  });

  it('sends the plain text of stored HTML: paragraphs become lines, entities characters (X and a Facebook Page)', async () => {
    const x = await connectChannel(h, 'x', { persona: 'carol' });
    const tag = unique('html');
    const [xPost = ''] = await createPost(h, { integrationId: x.id, content: `<p>${tag}: Tom &amp; Jerry</p><p>3 &lt; 4 <strong>bold</strong></p>` });
    expect(await waitForState(h, xPost, ['PUBLISHED', 'ERROR'])).toMatchObject({ state: 'PUBLISHED' });
    expect(ledgerWith(h, `${tag}: Tom & Jerry\n3 < 4 bold`)).toHaveLength(1);

    const page = await connectChannel(h, 'facebook', { pageId: '110000000000101' });
    const [fbPost = ''] = await createPost(h, { integrationId: page.id, content: `<p>${tag} on the Page</p><ul><li>one</li><li>two</li></ul>` });
    expect(await waitForState(h, fbPost, ['PUBLISHED', 'ERROR'])).toMatchObject({ state: 'PUBLISHED' });
    expect(ledgerWith(h, `${tag} on the Page\n- one\n- two`)).toHaveLength(1);
  });

  it('publishes an Instagram image (Instagram Login) and its first comment', async () => {
    const channel = await connectChannel(h, 'instagram-standalone');
    const text = unique('IG image');
    const comment = unique('IG first comment');
    const [rootId = '', commentId = ''] = await createPost(h, {
      integrationId: channel.id,
      content: text,
      images: [h.media.url('/square.jpg')],
      thread: [{ content: comment }],
    });
    const root = await waitForState(h, rootId, ['PUBLISHED', 'ERROR']);
    expect(root.state).toBe('PUBLISHED');
    const [entry] = ledgerWith(h, text);
    expect(entry).toMatchObject({ platform: 'instagram', via: 'instagram-login', kind: 'image', releaseId: root.releaseId });
    expect(entry?.mediaUrls).toEqual([h.media.url('/square.jpg')]);
    const child = await waitForState(h, commentId, ['PUBLISHED', 'ERROR']);
    expect(child.state).toBe('PUBLISHED');
    expect(ledgerWith(h, comment)).toEqual([expect.objectContaining({ kind: 'comment', parentId: root.releaseId })]);
  });

  it('publishes an Instagram carousel', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'bob' });
    const text = unique('IG carousel');
    const [postId = ''] = await createPost(h, {
      integrationId: channel.id,
      content: text,
      images: [h.media.url('/square.jpg'), h.media.url('/portrait.jpg'), h.media.url('/square.jpg')],
    });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    const entries = ledgerWith(h, text);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'carousel' });
    expect(entries[0]?.mediaUrls).toHaveLength(3);
  });

  it('publishes an Instagram Reel from a video', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'carol' });
    const text = unique('IG reel');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/clip.mp4')], settings: { shareToFeed: true } });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('PUBLISHED');
    expect(ledgerWith(h, text)).toEqual([expect.objectContaining({ kind: 'reel', mediaUrls: [h.media.url('/clip.mp4')] })]);
  });

  it('publishes to Instagram through a Facebook Page', async () => {
    const channel = await connectChannel(h, 'instagram', { pageId: '110000000000101' });
    const text = unique('IG via Facebook');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post.state).toBe('PUBLISHED');
    expect(ledgerWith(h, text)).toEqual([expect.objectContaining({ platform: 'instagram', via: 'facebook-login', accountId: '17841400000000101', releaseId: post.releaseId })]);
  });

  it('publishes a Facebook Page photo', async () => {
    const channel = await connectChannel(h, 'facebook', { pageId: '110000000000101' });
    const text = unique('FB photo');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, images: [h.media.url('/square.jpg')] });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'PUBLISHED', error: null });
    const entries = ledgerWith(h, text);
    expect(entries).toEqual([expect.objectContaining({ platform: 'facebook', kind: 'photo', accountId: '110000000000101' })]);
    expect(post.releaseURL).toMatch(/^https:\/\//);
  });

  it('tells the organization’s webhooks that a post went out', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'alice' });
    const hookId = randomUUID();
    const webhook = await h.db.webhook.create({
      data: { id: hookId, organizationId: channel.organizationId, name: 'hook', url: 'https://hooks.example.test/herald', secret: h.cipher.encrypt('s3cret', webhookSecretContext(hookId)), events: ['post.published'] },
    });
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: unique('with a webhook') });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    const delivery = await waitFor('the webhook delivery', async () => (await h.db.webhookDelivery.findFirst({ where: { webhookId: webhook.id } })) ?? undefined);
    expect(delivery).toMatchObject({ event: 'post.published', payload: expect.objectContaining({ postId, releaseId: post.releaseId, integrationId: channel.id }) });
  });

  it('refuses a disabled channel with a stored reason and a notification', async () => {
    const channel = await connectChannel(h, 'x', { persona: 'carol' });
    await h.db.integration.update({ where: { id: channel.id }, data: { disabled: true } });
    const text = unique('disabled channel');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'channel_disabled' });
    expect(ledgerWith(h, text)).toHaveLength(0);
    expect(await h.db.notification.count({ where: { postId, type: 'post.failed' } })).toBe(1);
  });

  it('fails a post the platform rejects, with the platform message as the reason', async () => {
    const channel = await connectChannel(h, 'instagram-standalone', { persona: 'alice' });
    const text = unique('IG without media');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text });
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR']);
    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'bad_content' });
    expect(post.error).toMatch(/image or video/);
  });
});
