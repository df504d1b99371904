import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestBackend, type TestBackend } from './harness';
import { PNG_1PX } from './posts-fixtures';
import { api, publicOrg } from './public-api.fixtures';

const PNG_HEADER = PNG_1PX.subarray(0, 16);
const MP4_HEAD = Buffer.from('\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41', 'latin1');
const PUBLIC_URL_REFUSED = { message: ['URL must be a public HTTPS URL and cannot point to internal network addresses'], error: 'Bad Request', statusCode: 400 };

describe('public API: POST /upload', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('recognises the type by content, whatever the file name and declared type (as the SDK sends them)', async () => {
    const { apiKey } = await publicOrg(backend, 'up-sniff', []);
    const png = await api(backend, apiKey).post('/upload').attach('file', PNG_1PX, { filename: 'png', contentType: 'image/jpeg' }).expect(201);
    expect(png.body.path).toMatch(/\.png$/);
    const mp4 = await api(backend, apiKey).post('/upload').attach('file', MP4_HEAD, { filename: 'jpeg', contentType: 'image/jpeg' }).expect(201);
    expect(mp4.body.path).toMatch(/\.mp4$/);
    expect(mp4.body.name).toMatch(/^[0-9a-f]{32}\.mp4$/);
  });

  it.each<[string, Buffer, string]>([
    ['a text file named .png', Buffer.from('definitely not a picture, only words'), 'fake.png'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg'],
    ['a QuickTime movie', Buffer.from('\0\0\0\x14ftypqt  \0\0\0\0moov', 'latin1'), 'clip.mp4'],
  ])('refuses %s with family B "Unsupported file type."', async (_name, bytes, filename) => {
    const { apiKey, orgId } = await publicOrg(backend, 'up-type', []);
    const res = await api(backend, apiKey).post('/upload').attach('file', bytes, { filename, contentType: 'image/png' }).expect(400);
    expect(res.body).toEqual({ message: 'Unsupported file type.', error: 'Bad Request', statusCode: 400 });
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it('refuses an image over 10 MiB while it streams in', async () => {
    const { apiKey, orgId } = await publicOrg(backend, 'up-size', []);
    const big = Buffer.concat([PNG_HEADER, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const res = await api(backend, apiKey).post('/upload').attach('file', big, 'big.png').expect(400);
    expect(res.body).toMatchObject({ error: 'Bad Request', statusCode: 400 });
    expect(res.body.message).toMatch(/^File size exceeds the maximum allowed size of 10485760 bytes/);
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it('answers {"msg":"No file provided"} without a file, and Nest\'s "Unexpected field" for another field name', async () => {
    const { apiKey } = await publicOrg(backend, 'up-none', []);
    expect((await api(backend, apiKey).post('/upload').field('note', 'hello').expect(400)).body).toEqual({ msg: 'No file provided' });
    expect((await api(backend, apiKey).post('/upload').send({ file: 'x' }).expect(400)).body).toEqual({ msg: 'No file provided' });
    const wrongField = await api(backend, apiKey).post('/upload').attach('image', PNG_1PX, 'a.png').expect(400);
    // Nest's multer adapter names the field: "Unexpected file field - image".
    expect(wrongField.body).toMatchObject({ error: 'Bad Request', statusCode: 400 });
    expect(wrongField.body.message).toMatch(/^Unexpected (file )?field/);
  });
});

describe('public API: POST /upload-from-url refuses internal addresses (SSRF)', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ UPLOAD_FROM_URL_ALLOW_PRIVATE: 'false' });
  });
  afterAll(async () => {
    await backend.close();
  });

  it.each([
    ['loopback', 'https://127.0.0.1/launch.png'],
    ['loopback by name', 'https://localhost/launch.png'],
    ['IPv6 loopback', 'https://[::1]/launch.png'],
    ['10/8', 'https://10.1.2.3/launch.png'],
    ['192.168/16', 'https://192.168.1.10/launch.png'],
    ['cloud metadata (169.254.169.254)', 'https://169.254.169.254/latest/meta-data/launch.png'],
    ['CGNAT', 'https://100.64.0.1/launch.png'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/launch.png'],
    ['unique-local IPv6', 'https://[fd00::1]/launch.png'],
    ['the unspecified address', 'https://0.0.0.0/launch.png'],
    ['plain http', 'http://example.com/launch.png'],
  ])('refuses %s before connecting', async (_name, url) => {
    const { apiKey, orgId } = await publicOrg(backend, 'ssrf', []);
    const res = await api(backend, apiKey).post('/upload-from-url').send({ url }).expect(400);
    expect(res.body).toEqual(PUBLIC_URL_REFUSED);
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it('validates the body like Postiz (family C)', async () => {
    const { apiKey } = await publicOrg(backend, 'ssrf-body', []);
    const client = api(backend, apiKey);
    expect((await client.post('/upload-from-url').send({ url: 'https://example.com/file.pdf' }).expect(400)).body).toEqual({
      message: ['File must have a valid extension: .png, .jpg, .jpeg, .gif, .webp, or .mp4'],
      error: 'Bad Request',
      statusCode: 400,
    });
    const missing = await client.post('/upload-from-url').send({}).expect(400);
    expect(missing.body.message).toContain('url should not be null or undefined');
    expect((await client.post('/upload-from-url').send({ url: 42 }).expect(400)).body.message).toContain('url must be a string');
  });
});

describe('public API: POST /upload-from-url from a local server (private addresses allowed for the test)', () => {
  let backend: TestBackend;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    backend = await startTestBackend({ UPLOAD_FROM_URL_ALLOW_PRIVATE: 'true' });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://local').pathname;
      if (url === '/launch.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1PX);
      if (url === '/hop.png') return void res.writeHead(302, { location: '/launch.png' }).end();
      if (url === '/metadata.png') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/x.png' }).end();
      if (url === '/mapped-metadata.png') return void res.writeHead(301, { location: 'http://[::ffff:169.254.169.254]/x.png' }).end();
      if (url.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${url.length}.png` }).end();
      if (url === '/notes.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end('plain words, not a picture at all');
      if (url === '/huge.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(PNG_HEADER);
        return void res.end(Buffer.alloc(11 * 1024 * 1024));
      }
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await backend.close();
  });

  it('downloads, recognises and stores the file, answering like /upload', async () => {
    const { apiKey, orgId } = await publicOrg(backend, 'url-ok', []);
    const res = await api(backend, apiKey).post('/upload-from-url').send({ url: `${origin}/launch.png?size=large` }).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['alt', 'id', 'name', 'originalName', 'path', 'thumbnail']);
    expect(res.body).toMatchObject({ originalName: null, thumbnail: null, alt: null });
    expect(res.body.path).toMatch(new RegExp(`^${backend.config.uploadsPublicUrl}/${orgId}/\\d{4}/\\d{2}/[0-9a-f]{32}\\.png$`));
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(1);
  });

  it('follows a redirect to an allowed address', async () => {
    const { apiKey } = await publicOrg(backend, 'url-hop', []);
    await api(backend, apiKey).post('/upload-from-url').send({ url: `${origin}/hop.png` }).expect(201);
  });

  it.each([
    ['to cloud metadata', '/metadata.png'],
    ['to metadata hidden in IPv6', '/mapped-metadata.png'],
    ['more than three times', '/loop.png'],
  ])('refuses a redirect %s', async (_name, path) => {
    const { apiKey, orgId } = await publicOrg(backend, 'url-redirect', []);
    expect((await api(backend, apiKey).post('/upload-from-url').send({ url: `${origin}${path}` }).expect(400)).body).toEqual({ msg: 'Failed to fetch URL' });
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it.each([
    ['a 404', '/gone.png', { msg: 'Failed to fetch URL' }],
    ['content that is not an image', '/notes.png', { msg: 'Unsupported file type.' }],
    ['an image over 10 MiB', '/huge.png', { msg: 'File is too large.' }],
  ])('answers %s in family A', async (_name, path, body) => {
    const { apiKey, orgId } = await publicOrg(backend, 'url-bad', []);
    expect((await api(backend, apiKey).post('/upload-from-url').send({ url: `${origin}${path}` }).expect(400)).body).toEqual(body);
    expect(await backend.db.media.count({ where: { organizationId: orgId } })).toBe(0);
  });
});
