import { createHash } from 'node:crypto';
import { minimalJpeg } from '../core/media-sniff';
import { type SandboxHandle } from '../sandbox';
import { type XCredentials, xCall, xConnect } from '../test-support/flows';
import { httpsRequest, multipartBody } from '../test-support/http-client';
import { oauth1Header } from '../test-support/oauth1-client';
import { X_APP, startTestSandbox } from '../test-support/test-sandbox';

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(2000, 7)]);

describe('X media upload', () => {
  let sb: SandboxHandle;
  let alice: XCredentials;
  beforeEach(async () => {
    sb = await startTestSandbox({ timing: { xMediaProcessingMs: 3000 } });
    alice = await xConnect(sb, 'alice');
  });
  afterEach(async () => {
    await sb.close();
  });

  /** Multipart bodies are never part of the OAuth signature. */
  const append = (base: string, path: string, parts: Parameters<typeof multipartBody>[0]) => {
    const url = `${base}${path}`;
    const authorization = oauth1Header({ method: 'POST', url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, token: alice.token, tokenSecret: alice.secret });
    const mp = multipartBody(parts);
    return httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...mp.headers, authorization }, body: mp.body });
  };

  const uploadV2 = async (data: Buffer, mediaType: string): Promise<{ id: string; finalize: { status: number; body: unknown } }> => {
    const init = await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: mediaType, total_bytes: data.length, media_category: mediaType.startsWith('video') ? 'tweet_video' : 'tweet_image' });
    expect(init.status).toBe(200);
    const id = (init.json() as { data: { id: string } }).data.id;
    const half = Math.ceil(data.length / 2);
    expect((await append(sb.urls.X_API_URL, `/2/media/upload/${id}/append`, [{ name: 'segment_index', value: '0' }, { name: 'media', value: data.subarray(0, half), contentType: 'application/octet-stream' }])).status).toBe(200);
    expect((await append(sb.urls.X_API_URL, `/2/media/upload/${id}/append`, [{ name: 'segment_index', value: '1' }, { name: 'media', value: data.subarray(half), contentType: 'application/octet-stream' }])).status).toBe(200);
    const fin = await xCall(sb, alice, 'POST', `/2/media/upload/${id}/finalize`, {});
    return { id, finalize: { status: fin.status, body: fin.json() } };
  };

  it('uploads an image in chunks (v2) and attaches it to a tweet', async () => {
    const jpeg = minimalJpeg(800, 600);
    const { id, finalize } = await uploadV2(jpeg, 'image/jpeg');
    expect(finalize.status).toBe(200);
    expect(finalize.body).toMatchObject({ data: { id, size: jpeg.length } });
    expect((finalize.body as { data: Record<string, unknown> }).data).not.toHaveProperty('processing_info');
    const tweet = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'with a picture', media: { media_ids: [id] } });
    expect(tweet.status).toBe(201);
    expect(sb.ledger.published[0]?.media).toEqual([expect.objectContaining({ url: `x-media:${id}`, bytes: jpeg.length, format: 'jpeg' })]);
  });

  it('walks a video through pending → in_progress → succeeded and refuses it in a tweet before', async () => {
    const { id, finalize } = await uploadV2(MP4, 'video/mp4');
    expect(finalize.body).toMatchObject({ data: { processing_info: { state: 'pending' } } });
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'too early', media: { media_ids: [id] } })).status).toBe(400);
    sb.clock.advance(1500);
    const mid = await xCall(sb, alice, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`);
    expect(mid.json()).toMatchObject({ data: { processing_info: { state: 'in_progress' } } });
    sb.clock.advance(2000);
    const done = await xCall(sb, alice, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`);
    expect(done.json()).toMatchObject({ data: { processing_info: { state: 'succeeded', progress_percent: 100 } } });
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'now', media: { media_ids: [id] } })).status).toBe(201);
  });

  it('refuses FINALIZE when the segments do not add up, and bytes that are not what media_type claims', async () => {
    const init = await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: 'image/jpeg', total_bytes: 9999 });
    const id = (init.json() as { data: { id: string } }).data.id;
    await append(sb.urls.X_API_URL, `/2/media/upload/${id}/append`, [{ name: 'segment_index', value: '0' }, { name: 'media', value: minimalJpeg(10, 10) }]);
    expect((await xCall(sb, alice, 'POST', `/2/media/upload/${id}/finalize`, {})).status).toBe(400);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008020000', 'hex');
    const bad = await uploadV2(png, 'image/jpeg');
    expect(bad.finalize.status).toBe(400);
  });

  it('takes segments of up to 5 MB with indexes 0 to 999, in any order; the ledger has the whole file’s size and digest', async () => {
    const video = Buffer.concat([MP4, Buffer.alloc(11 * 1024 * 1024 - MP4.length, 3)]);
    const init = await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: video.length, media_category: 'tweet_video' });
    const id = (init.json() as { data: { id: string } }).data.id;
    const send = (index: string, bytes: Buffer) => append(sb.urls.X_API_URL, `/2/media/upload/${id}/append`, [{ name: 'segment_index', value: index }, { name: 'media', value: bytes, contentType: 'application/octet-stream' }]);
    const MB = 1024 * 1024;
    expect((await send('0', video.subarray(0, 5 * MB + 1))).status).toBe(400);
    expect((await send('1000', video.subarray(0, MB))).status).toBe(400);
    expect((await send('-1', video.subarray(0, MB))).status).toBe(400);
    // Sent out of order, and segment 0 twice (a retry): the file is still the segments in index order.
    expect((await send('2', video.subarray(10 * MB))).status).toBe(200);
    expect((await send('0', video.subarray(0, 5 * MB))).status).toBe(200);
    expect((await send('0', video.subarray(0, 5 * MB))).status).toBe(200);
    expect((await send('1', video.subarray(5 * MB, 10 * MB))).status).toBe(200);
    expect((await xCall(sb, alice, 'POST', `/2/media/upload/${id}/finalize`, {})).json()).toMatchObject({ data: { id, size: video.length } });
    sb.clock.advance(3500);
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'a long clip', media: { media_ids: [id] } })).status).toBe(201);
    expect(sb.ledger.published[0]?.media).toEqual([{ url: `x-media:${id}`, bytes: video.length, format: 'mp4', sha256: createHash('sha256').update(video).digest('hex') }]);
  });

  it('refuses unknown keys at initialize and media owned by someone else', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/media/upload/initialize', { media_type: 'image/jpeg', total_bytes: 10, colour: 'red' })).status).toBe(400);
    const { id } = await uploadV2(minimalJpeg(50, 50), 'image/jpeg');
    const bob = await xConnect(sb, 'bob');
    expect((await xCall(sb, bob, 'POST', '/2/tweets', { text: 'not mine', media: { media_ids: [id] } })).status).toBe(400);
  });

  it('supports the v1.1 INIT/APPEND/FINALIZE flow on the upload host', async () => {
    const jpeg = minimalJpeg(400, 400);
    const init = await append(sb.urls.X_UPLOAD_URL, '/1.1/media/upload.json', [
      { name: 'command', value: 'INIT' },
      { name: 'total_bytes', value: String(jpeg.length) },
      { name: 'media_type', value: 'image/jpeg' },
    ]);
    expect(init.status).toBe(202);
    expect(init.text).toMatch(/^\{"media_id":\d{19},/);
    const id = (init.json() as { media_id_string: string }).media_id_string;
    const app = await append(sb.urls.X_UPLOAD_URL, '/1.1/media/upload.json', [
      { name: 'command', value: 'APPEND' },
      { name: 'media_id', value: id },
      { name: 'segment_index', value: '0' },
      { name: 'media', value: jpeg, contentType: 'application/octet-stream' },
    ]);
    expect(app.status).toBe(204);
    expect(app.text).toBe('');
    const fin = await append(sb.urls.X_UPLOAD_URL, '/1.1/media/upload.json', [
      { name: 'command', value: 'FINALIZE' },
      { name: 'media_id', value: id },
    ]);
    expect(fin.status).toBe(201);
    expect(fin.json()).toMatchObject({ media_id_string: id, size: jpeg.length });
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'v1 media', media: { media_ids: [id] } })).status).toBe(201);
  });
});
