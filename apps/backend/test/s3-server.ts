import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientOf } from '@herald/core';
import type { S3Settings } from '@herald/config';
import Redis from 'ioredis';
import S3rver from 's3rver';

/** A real S3-compatible server (s3rver, in process) with one bucket, for specs of STORAGE=s3. */
export interface TestS3 {
  settings: S3Settings;
  /** The STORAGE=s3 environment of an app using it. */
  env: Record<string, string>;
  client: S3Client;
  /** The multipart uploads not completed nor aborted (s3rver's store), by S3 upload id. */
  openUploads(): Promise<string[]>;
  /** The object's bytes, or undefined when it is not in the bucket. */
  object(key: string): Promise<Buffer | undefined>;
  has(key: string): Promise<boolean>;
  keys(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

const S3_MIN_PART_BYTES = 5 * 1024 * 1024;

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}

function s3ErrorXml(ctx: KoaContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/**
 * What s3rver 3.7 lacks of S3's multipart API, as S3 documents it: ListParts (GET ?uploadId), AbortMultipartUpload
 * (DELETE ?uploadId), and CompleteMultipartUpload's EntityTooSmall (every part but the last at least 5 MiB).
 * Read from s3rver's own store (`<bucket>/._S3rver_uploads/<uploadId>/<part number>` and `.md5`).
 */
function multipartShim(server: S3rver) {
  const store = (server as unknown as { store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string } }).store;
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : undefined;
    const [, bucket, ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const handled = uploadId && bucket && key && (ctx.method === 'GET' || ctx.method === 'DELETE' || ctx.method === 'POST');
    if (!handled || !/^[0-9a-f]+$/.test(uploadId)) return next();
    const directory = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    let names: string[];
    try {
      names = await readdir(directory);
    } catch {
      return s3ErrorXml(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    }
    const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
    if (ctx.method === 'DELETE') {
      await rm(directory, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = '';
      return;
    }
    const parts = await Promise.all(
      numbers.map(async (n) => {
        const info = await stat(join(directory, String(n)));
        const md5 = (await readFile(join(directory, `${n}.md5`), 'utf8').catch(() => '')).trim();
        return { PartNumber: n, LastModified: info.mtime.toISOString(), ETag: `"${md5}"`, Size: info.size };
      }),
    );
    if (ctx.method === 'POST') {
      if (parts.slice(0, -1).some((p) => p.Size < S3_MIN_PART_BYTES)) return s3ErrorXml(ctx, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
      return next();
    }
    ctx.status = 200;
    ctx.body = { ListPartsResult: { Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: 0, NextPartNumberMarker: numbers.at(-1) ?? 0, MaxParts: 10000, IsTruncated: false, Part: parts } };
  };
}

export async function startS3Server(bucket = 'herald-media'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'herald-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  // Before s3rver's router (its last middleware), after its XML encoder.
  const middleware = (server as unknown as { middleware: unknown[] }).middleware;
  middleware.splice(middleware.length - 1, 0, multipartShim(server));
  const { port } = (await server.run()) as { port: number };
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    presignSeconds: 3600,
    partUrlSeconds: 3600,
    directUploads: true,
  };
  const client = s3ClientOf(settings);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const object = async (key: string) => {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch {
      return undefined;
    }
  };
  return {
    settings,
    env: {
      STORAGE: 's3',
      S3_ENDPOINT: settings.endpoint!,
      S3_REGION: settings.region,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PRESIGN_SECONDS: '3600',
    },
    client,
    object,
    openUploads: async () => {
      const store = (server as unknown as { store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string } }).store;
      return readdir(store.getResourcePath(bucket, undefined, 'uploads')).catch(() => []);
    },
    has: async (key) => {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch {
        return false;
      }
    },
    keys: async (prefix = '') => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort(),
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A redis-server of the spec's own (the shared test Redis has no free database left), without persistence. */
export async function startRedisServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}/0`;
  for (let attempt = 0; ; attempt++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch (error) {
      probe.disconnect();
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
