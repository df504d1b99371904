import axios from 'axios';
import { z } from 'zod';
import { NOW } from '../testing/meta-fixture';
import { RecordingServer } from '../testing/recording-server';
import { GraphClient } from './graph-client';

describe('GraphClient', () => {
  let server: RecordingServer;
  const client = new GraphClient({ provider: 'facebook', http: axios.create(), timeoutMs: 500, refreshable: false, now: () => NOW });
  const schema = z.object({ id: z.string() });

  beforeEach(async () => {
    server = await RecordingServer.start();
  });
  afterEach(() => server.close());

  it('says retry with requestSent=false when the host refuses the connection', async () => {
    await server.close();
    await expect(client.request({ method: 'POST', url: `${server.url}/v23.0/1/feed`, body: {}, schema, sideEffect: true })).rejects.toMatchObject({
      kind: 'retry_later',
      requestSent: false,
      retryAt: new Date(NOW.getTime() + 60_000),
    });
  });

  it('says unknown outcome when a write loses its answer, and retry for a read', async () => {
    server.route('POST', '/v23.0/1/feed', { hangUp: true }).route('GET', '/v23.0/1', { hangUp: true });
    await expect(client.request({ method: 'POST', url: `${server.url}/v23.0/1/feed`, body: {}, schema, sideEffect: true })).rejects.toMatchObject({
      kind: 'unknown_outcome',
      requestSent: true,
    });
    await expect(client.request({ method: 'GET', url: `${server.url}/v23.0/1`, schema })).rejects.toMatchObject({ kind: 'retry_later', requestSent: true });
  });

  it('times out a slow write as an unknown outcome', async () => {
    server.route('POST', '/v23.0/1/feed', () => new Promise((resolve) => setTimeout(() => resolve({ json: { id: '1' } }), 2_000)));
    await expect(client.request({ method: 'POST', url: `${server.url}/v23.0/1/feed`, body: {}, schema, sideEffect: true })).rejects.toMatchObject({
      kind: 'unknown_outcome',
    });
  });

  it('starts no write once the publishing lease’s signal fired, and throws its reason as is; reads ignore it', async () => {
    server.route('POST', '/v23.0/1/feed', { json: { id: '1' } }).route('GET', '/v23.0/1', { json: { id: '1' } });
    const lost = new Error('lease lost');
    const signal = AbortSignal.abort(lost);
    await expect(client.request({ method: 'POST', url: `${server.url}/v23.0/1/feed`, body: {}, schema, sideEffect: true, signal })).rejects.toBe(lost);
    expect(server.find('POST', '/v23.0/1/feed')).toHaveLength(0);
    // A read (the permalink after a post went out) must not turn a published post into "nothing was sent".
    await expect(client.request({ method: 'GET', url: `${server.url}/v23.0/1`, schema, signal })).resolves.toEqual({ id: '1' });
  });

  it('cuts a write in flight when the lease’s signal fires: the outcome is unknown', async () => {
    const controller = new AbortController();
    server.route('POST', '/v23.0/1/feed', () => {
      controller.abort(new Error('lease lost'));
      return new Promise((resolve) => setTimeout(() => resolve({ json: { id: '1' } }), 300));
    });
    await expect(client.request({ method: 'POST', url: `${server.url}/v23.0/1/feed`, body: {}, schema, sideEffect: true, signal: controller.signal })).rejects.toMatchObject({
      kind: 'unknown_outcome',
      requestSent: true,
    });
  });

  it('rejects a 2xx body that does not match the schema', async () => {
    server.route('GET', '/v23.0/1', { json: { name: 'no id' } });
    await expect(client.request({ method: 'GET', url: `${server.url}/v23.0/1`, schema })).rejects.toMatchObject({ kind: 'platform_error' });
  });

  it('never puts the token in the URL', async () => {
    server.route('GET', '/v23.0/1', { json: { id: '1' } });
    await client.request({ method: 'GET', url: `${server.url}/v23.0/1`, token: 'EAAsecret', schema });
    expect(server.requests[0]?.query).toEqual({});
    expect(server.requests[0]?.headers.authorization).toBe('Bearer EAAsecret');
  });
});
