import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { lazyHttp } from './provider-registry.factory';

describe('lazyHttp (the providers’ default HTTP client, made on first use)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('makes the client only when it is first used, once, and answers as axios does', async () => {
    const create = jest.fn(() => axios.create({ timeout: 5_000, validateStatus: () => true }));
    const http = lazyHttp(create);
    expect(create).not.toHaveBeenCalled();

    expect((await http.get(`${base}/a`)).data).toEqual({ method: 'GET', url: '/a' });
    expect((await http.request({ url: `${base}/b`, method: 'POST', data: { x: 1 } })).data).toEqual({ method: 'POST', url: '/b' });
    expect((await http(`${base}/c`)).data).toEqual({ method: 'GET', url: '/c' });
    expect(http.defaults.timeout).toBe(5_000);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
