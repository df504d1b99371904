import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyAddress } from './address-policy';
import { OutboundRefusedError, safeRequest, type SafeRequestOptions } from './safe-request';

/**
 * A local server stands in for the internet: the policy treats exactly 127.0.0.1 as public and judges every other
 * address for real, so redirects to loopback (127.0.0.2), 10/8 and metadata can be refused as they would be.
 */
const asIfPublic = (address: string) => address === '127.0.0.1' || classifyAddress(address) === 'public';

describe('safeRequest', () => {
  let server: Server;
  let origin: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.headers.host ?? ''} ${req.url ?? ''}`);
      const path = req.url ?? '/';
      const redirects: Record<string, string> = {
        '/to-loopback': 'http://127.0.0.2/secret',
        '/to-ten': 'http://10.0.0.5/admin',
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-name': 'http://internal.test/x',
        '/to-ok': '/ok',
      };
      if (redirects[path]) return void res.writeHead(302, { location: redirects[path] }).end();
      if (path.startsWith('/chain')) return void res.writeHead(302, { location: `${path}x` }).end();
      if (path === '/slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${req.method ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const options = (extra: Partial<SafeRequestOptions> = {}): SafeRequestOptions => ({
    allowPrivate: false,
    timeoutMs: 3000,
    isAllowed: asIfPublic,
    resolve: (host) => Promise.resolve(host === 'internal.test' ? [{ address: '10.1.1.1', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
    ...extra,
  });

  async function text(url: string, extra: Partial<SafeRequestOptions> = {}): Promise<string> {
    const response = await safeRequest(url, options(extra));
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    response.release();
    return Buffer.concat(chunks).toString();
  }

  it('reaches an allowed address and follows an allowed redirect', async () => {
    expect(await text(`${origin}/to-ok`)).toBe('ok GET');
  });

  it.each([
    ['loopback', '/to-loopback'],
    ['10/8', '/to-ten'],
    ['cloud metadata', '/to-metadata'],
    ['a name that resolves to 10/8', '/to-name'],
  ])('refuses a redirect to %s, naming the hop', async (_name, path) => {
    const error = await safeRequest(`${origin}${path}`, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error).toMatchObject({ reason: 'address', hop: 1 });
  });

  it('refuses the first URL too, before connecting', async () => {
    const before = seen.length;
    await expect(safeRequest('http://10.0.0.1/x', options())).rejects.toMatchObject({ reason: 'address', hop: 0 });
    await expect(safeRequest('http://169.254.169.254/x', options({ allowPrivate: true }))).rejects.toMatchObject({ reason: 'address', hop: 0 });
    await expect(safeRequest('http://internal.test/x', options())).rejects.toMatchObject({ reason: 'address', hop: 0 });
    expect(seen.length).toBe(before);
  });

  it('connects to the address it checked, keeping the name in the Host header', async () => {
    let calls = 0;
    // A rebinding resolver: public the first time, internal afterwards. Only one lookup is made per hop.
    const resolve = () => Promise.resolve([{ address: calls++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 }]);
    const port = (server.address() as AddressInfo).port;
    expect(await text(`http://rebind.test:${port}/ok`, { resolve })).toBe('ok GET');
    expect(calls).toBe(1);
    expect(seen.at(-1)).toBe(`rebind.test:${port} /ok`);
  });

  it('refuses a name if any of its addresses is internal', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ]);
    await expect(safeRequest('http://mixed.test/x', options({ resolve }))).rejects.toMatchObject({ reason: 'address' });
  });

  it('stops after three redirects', async () => {
    await expect(safeRequest(`${origin}/chain`, options())).rejects.toMatchObject({ reason: 'too_many_redirects' });
  });

  it('does not follow a redirect answered to a POST', async () => {
    const response = await safeRequest(`${origin}/to-metadata`, options({ method: 'POST', body: '{}' }));
    response.release();
    expect(response.status).toBe(302);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    await expect(safeRequest('ftp://example.com/x.png', options())).rejects.toMatchObject({ reason: 'scheme' });
    await expect(safeRequest(`${origin}/ok`, options({ protocols: ['https:'] }))).rejects.toMatchObject({ reason: 'scheme' });
    await expect(safeRequest('http://user:pw@example.com/x', options())).rejects.toMatchObject({ reason: 'invalid_url' });
  });

  it('gives up when the deadline passes', async () => {
    await expect(text(`${origin}/slow`, { timeoutMs: 200 })).rejects.toThrow();
  });
});
