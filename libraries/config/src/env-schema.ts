import { z } from 'zod';

// Empty strings in .env files mean "unset", as in Postiz's example env.
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const url = (fallback: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), z.string().url('must be a URL (for example https://example.com)'));

const withoutTrailingSlash = (s: string) => s.replace(/\/+$/, '');

export const logLevel = z.preprocess((v) => (v === '' ? undefined : v), z.enum(['debug', 'info', 'warn', 'error']).default('info'));

export const encryptionKey = z
  .string({ error: 'is required: 32 random bytes, base64 (openssl rand -base64 32)' })
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes encoded in base64 (openssl rand -base64 32)');

export const coreEnvShape = {
  NODE_ENV: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['development', 'production', 'test']).default('development')),
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ error: 'is required (postgres://user:password@host:5432/db)' }).regex(/^postgres(ql)?:\/\//, 'must start with postgres://'),
  ),
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ error: 'is required (redis://host:6379)' }).regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  ),
  ENCRYPTION_KEY: encryptionKey,
  // Old keys stay readable after a rotation until `pnpm rotate-keys` re-encrypts every value.
  ENCRYPTION_KEYS_PREVIOUS: optionalString,
  LOG_LEVEL: logLevel,
  // Postgres connections each process may open at most (they open on demand and close after 10 s unused). Unset:
  // the backend 10, the workers WORKER_CONCURRENCY + 2, the cron 4 (docs/operations.md#memory-and-connections).
  DATABASE_POOL_MAX: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(200).optional()),
  FRONTEND_URL: url('http://localhost:4200').transform(withoutTrailingSlash),
  NEXT_PUBLIC_BACKEND_URL: url('http://localhost:3000').transform(withoutTrailingSlash),
  BACKEND_INTERNAL_URL: url('http://localhost:3000').transform(withoutTrailingSlash),
  UPLOAD_DIRECTORY: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./uploads')),
  UPLOADS_PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('must be a URL').optional()),
  // Where media files live (docs/self-hosting.md#media-storage): local disk (UPLOAD_DIRECTORY) or an S3-compatible bucket.
  STORAGE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['local', 's3'], { error: 'must be local or s3' }).default('local')),
  // S3 settings, read when STORAGE=s3. S3_ENDPOINT empty: AWS S3 itself.
  S3_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('must be a URL').transform(withoutTrailingSlash).optional()),
  S3_REGION: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9-]+$/, 'must look like us-east-1 (auto for Cloudflare R2)').default('us-east-1')),
  S3_BUCKET: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)').optional()),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).default('false'))
    .transform((v) => v === 'true' || v === '1'),
  // A CDN or public bucket URL in front of the bucket; unset: platforms get pre-signed GET URLs (S3_PRESIGN_SECONDS).
  S3_PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('must be a URL').transform(withoutTrailingSlash).optional()),
  S3_PRESIGN_SECONDS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(900).max(604800).default(21600)),
  // The address browsers reach the bucket at, for the pre-signed part URLs of direct uploads (and the GET redirects);
  // unset: S3_ENDPOINT. For a MinIO only reachable inside the project as S3_ENDPOINT (docs/self-hosting.md#direct-uploads).
  S3_PUBLIC_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('must be a URL').transform(withoutTrailingSlash).optional()),
  // How long a pre-signed part URL of a direct upload is valid; the browser asks for fresh ones when it resumes.
  S3_PART_URL_SECONDS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(60).max(604800).default(3600)),
  // false: large uploads go through the API in chunks (staged on disk) instead of straight to the bucket, e.g. until
  // the bucket's CORS rule is in place (docs/self-hosting.md#direct-uploads).
  S3_DIRECT_UPLOADS: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).default('true'))
    .transform((v) => v === 'true' || v === '1'),
  // Largest video, in megabytes: what an upload accepts (the API) and what publishing reads (the workers stream it).
  // At most 2,047: a medium's size is a 32-bit column (Media.size), and no platform takes a video near 2 GB (X 512 MB,
  // Instagram Reels 300 MB).
  UPLOAD_MAX_VIDEO_MB: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(2_047).default(1024)),
  // Days a deleted (unused) medium's file is kept before the cron removes it from the storage.
  MEDIA_RETENTION_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(3650).default(30)),
  DEMO_MODE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).default('false')).transform((v) => v === 'true' || v === '1'),
  X_API_KEY: optionalString,
  X_API_SECRET: optionalString,
  INSTAGRAM_APP_ID: optionalString,
  INSTAGRAM_APP_SECRET: optionalString,
  FACEBOOK_APP_ID: optionalString,
  FACEBOOK_APP_SECRET: optionalString,
  X_API_URL: url('https://api.x.com').transform(withoutTrailingSlash),
  X_UPLOAD_URL: url('https://upload.x.com').transform(withoutTrailingSlash),
  INSTAGRAM_AUTHORIZE_URL: url('https://www.instagram.com').transform(withoutTrailingSlash),
  INSTAGRAM_API_URL: url('https://api.instagram.com').transform(withoutTrailingSlash),
  INSTAGRAM_GRAPH_URL: url('https://graph.instagram.com').transform(withoutTrailingSlash),
  FACEBOOK_URL: url('https://www.facebook.com').transform(withoutTrailingSlash),
  FACEBOOK_GRAPH_URL: url('https://graph.facebook.com').transform(withoutTrailingSlash),
  FACEBOOK_RUPLOAD_URL: url('https://rupload.facebook.com').transform(withoutTrailingSlash),
  FACEBOOK_GRAPH_VERSION: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^v\d+\.\d+$/, 'must look like v23.0').default('v23.0')),
  PLATFORM_TIMEOUT_MS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1000).max(300000).default(30000)),
  // Email (invitations, password resets, alerts); unset: no email is sent and the dashboard says so.
  EMAIL_SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:password@host:587 or smtps://user:password@host:465').optional(),
  ),
  EMAIL_FROM: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(254).optional()),
  // Analytics (docs/analytics.md): how often X is read (its reads are rate-limited and paid), and how long figures are kept.
  ANALYTICS_X: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['off', 'daily', 'hourly']).default('daily')),
  ANALYTICS_RETENTION_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(30).max(3650).default(400)),
};

export const backendEnvShape = {
  ...coreEnvShape,
  PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).default(3000)),
  JWT_SECRET: z.string({ error: 'is required (at least 32 characters)' }).min(32, 'must be at least 32 characters'),
  API_LIMIT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).default(30)),
  // Tests and local demos fetch media from loopback; production must keep this off.
  UPLOAD_FROM_URL_ALLOW_PRIVATE: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).default('false'))
    .transform((v) => v === 'true' || v === '1'),
  // GET /metrics answers a request with `Authorization: Bearer <token>`, or one from this machine (loopback); nobody else.
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
  // closed: only the first account of an empty instance signs up (it owns the instance); others come by invitation.
  REGISTRATION: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['open', 'closed'], { error: 'must be open or closed' }).default('closed')),
  // Stored uploads per organization, in megabytes.
  UPLOAD_QUOTA_MB: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(10_000_000).default(2048)),
  // Size of one part of a chunked upload, in kilobytes (the client sends parts of exactly this size, the last shorter).
  UPLOAD_CHUNK_KB: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(64).max(102_400).default(8192)),
  // Uploads per organization per minute.
  UPLOAD_RATE_LIMIT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(60)),
  // Which peers may set X-Forwarded-For (Express "trust proxy": a list of addresses/subnets or loopback, linklocal, uniquelocal).
  TRUST_PROXY: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[\w.:/, -]+$/, 'must be a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal').default('loopback, linklocal, uniquelocal')),
};

export const workersEnvShape = {
  ...coreEnvShape,
  WORKER_CONCURRENCY: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(500).default(20)),
};

export const cronEnvShape = { ...coreEnvShape };

// HERALD_PROCESSES=all-in-one (apps/all-in-one): the API, the workers and the cron in one process read them all.
export const allInOneEnvShape = { ...backendEnvShape, WORKER_CONCURRENCY: workersEnvShape.WORKER_CONCURRENCY };
