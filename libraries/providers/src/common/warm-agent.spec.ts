import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../testing/tls-fixture';
import { WarmAgent } from './warm-agent';

// A real TLS server that counts the connections made to it and the requests each one carried.
describe('WarmAgent', () => {
  let server: https.Server;
  let port: number;
  const connections: { at: number; socket: TLSSocket; requests: number }[] = [];

  beforeAll(async () => {
    server = https.createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (req, res) => {
      const connection = connections.find((c) => c.socket === req.socket);
      if (connection) connection.requests += 1;
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    server.on('secureConnection', (socket: TLSSocket) => connections.push({ at: Date.now(), socket, requests: 0 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  beforeEach(() => {
    connections.length = 0;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function agent(options: { leadMs?: number; maxIdleMs?: number; maxWarm?: number } = {}): WarmAgent {
    return new WarmAgent({ ca: TEST_TLS_CERT, leadMs: options.leadMs ?? 150, maxIdleMs: options.maxIdleMs ?? 1_000, maxWarm: options.maxWarm ?? 20 });
  }

  /** Waits for `condition` (timers are real here, and a loaded machine is slow). */
  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await sleep(10);
    }
  }

  function post(a: WarmAgent, url: URL): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method: 'POST', agent: a }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('{}');
    });
  }

  it('opens the connections of an announced instant ahead of it, and the requests at the instant use them', async () => {
    const a = agent();
    const url = new URL(`https://localhost:${port}/2/tweets`);
    const at = new Date(Date.now() + 400);
    for (let i = 0; i < 3; i++) a.expect(url, at);
    await until(() => connections.length === 3);
    await sleep(Math.max(0, at.getTime() - Date.now()));
    // Opened about leadMs before the instant, not earlier.
    for (const c of connections) expect(c.at).toBeGreaterThanOrEqual(at.getTime() - 150 - 20);
    expect(await Promise.all([post(a, url), post(a, url), post(a, url)])).toEqual([200, 200, 200]);
    expect(connections).toHaveLength(3);
    expect(connections.map((c) => c.requests)).toEqual([1, 1, 1]);
    a.destroy();
  });

  it('opens no more than maxWarm, less the connections already open and idle', async () => {
    const a = agent({ maxWarm: 2, leadMs: 100 });
    const url = new URL(`https://127.0.0.1:${port}/2/tweets`);
    const at = new Date(Date.now() + 300);
    for (let i = 0; i < 5; i++) a.expect(url, at);
    await until(() => connections.length === 2);
    await sleep(Math.max(0, at.getTime() - Date.now() + 50));
    expect(connections).toHaveLength(2);

    // Both are used, then kept alive: the next instant, within their idle limit, needs no new connection.
    await Promise.all([post(a, url), post(a, url)]);
    expect(Object.values(a.freeSockets).flat()).toHaveLength(2);
    const next = new Date(Date.now() + 200);
    for (let i = 0; i < 3; i++) a.expect(url, next);
    await sleep(next.getTime() - Date.now() + 50);
    expect(connections).toHaveLength(2);
    expect(connections.map((c) => c.requests)).toEqual([1, 1]);
    a.destroy();
  });

  it('closes a connection opened ahead that is not used within maxIdleMs, and connects anew after', async () => {
    const a = agent({ leadMs: 100, maxIdleMs: 200 });
    const url = new URL(`https://localhost:${port}/2/tweets`);
    const at = new Date(Date.now() + 150);
    a.expect(url, at);
    await until(() => connections.length === 1 && connections[0]?.socket.destroyed === true);
    expect(await post(a, url)).toBe(200);
    expect(connections).toHaveLength(2);
    expect(connections[1]?.requests).toBe(1);
    a.destroy();
  });

  it('opens nothing for an instant already within the lead, nor for plain http', async () => {
    const a = agent({ leadMs: 500 });
    a.expect(new URL(`https://localhost:${port}/2/tweets`), new Date(Date.now() + 100));
    a.expect(new URL(`http://localhost:${port}/2/tweets`), new Date(Date.now() + 700));
    await sleep(400);
    expect(connections).toHaveLength(0);
    a.destroy();
  });

  it('never hands out a connection the server closed; the request connects anew', async () => {
    const a = agent({ leadMs: 100 });
    const url = new URL(`https://localhost:${port}/2/tweets`);
    const at = new Date(Date.now() + 150);
    a.expect(url, at);
    await until(() => connections.length === 1);
    connections[0]?.socket.destroy();
    await sleep(50);
    expect(await post(a, url)).toBe(200);
    expect(connections).toHaveLength(2);
    expect(connections[1]?.requests).toBe(1);
    a.destroy();
  });

  it('closes the connections it holds when destroyed', async () => {
    const a = agent({ leadMs: 100 });
    const url = new URL(`https://localhost:${port}/2/tweets`);
    const at = new Date(Date.now() + 150);
    a.expect(url, at);
    a.expect(url, at);
    await until(() => connections.length === 2);
    a.destroy();
    await until(() => connections.every((c) => c.socket.destroyed));
  });
});
