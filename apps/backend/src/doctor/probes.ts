import http from 'node:http';
import https from 'node:https';
import { createRedis } from '@herald/core';
import type { HttpAnswer } from './doctor-deps';

const MAX_BODY = 4096;

export interface HttpProbeOptions {
  timeoutMs: number;
  /** For HTTPS hosts signed by a private CA (the sandbox); production relies on NODE_EXTRA_CA_CERTS. */
  httpsAgent?: https.Agent;
}

export function createHttpGet(options: HttpProbeOptions): (url: string) => Promise<HttpAnswer> {
  return (url) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      // `agent: false` is a one-off connection: Node's default agent keeps sockets alive after doctor is done.
      const agent = (target.protocol === 'https:' ? options.httpsAgent : undefined) ?? false;
      const req = client.get(target, { timeout: options.timeoutMs, headers: { 'user-agent': 'herald-doctor' }, agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const date = res.headers.date;
          resolve({ status: res.statusCode ?? 0, ...(date ? { date } : {}), body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY) });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
    });
}

/** One connection, one PING, no retries: doctor wants the first answer, not resilience. */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = createRedis(url, 'doctor', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  // ioredis reports the socket error (ECONNREFUSED, …) as an event and rejects connect() with a vaguer one.
  let socketError: unknown;
  redis.on('error', (error: unknown) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error: unknown) {
    // After a refused connection ioredis has already ended; disconnecting again would arm a 2 s timer.
    if (redis.status !== 'end') redis.disconnect();
    throw socketError ?? error;
  }
  await redis.quit();
}
