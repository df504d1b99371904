import { type z } from 'zod';
import { allInOneEnvShape, backendEnvShape, type coreEnvShape, cronEnvShape, workersEnvShape } from './env-schema';
import { ConfigError, parseEnv, parseEnvOrExit } from './load-config';

export type CoreEnv = z.infer<z.ZodObject<typeof coreEnvShape>>;
export type BackendEnv = z.infer<z.ZodObject<typeof backendEnvShape>>;
export type WorkersEnv = z.infer<z.ZodObject<typeof workersEnvShape>>;
export type CronEnv = z.infer<z.ZodObject<typeof cronEnvShape>>;

export interface PlatformUrls {
  xApi: string;
  xUpload: string;
  instagramAuthorize: string;
  instagramApi: string;
  instagramGraph: string;
  facebook: string;
  facebookGraph: string;
  /** Reels and video Stories uploads (Meta's rupload host). */
  facebookRupload: string;
  facebookGraphVersion: string;
}

export interface PlatformCredentials {
  x?: { apiKey: string; apiSecret: string };
  instagram?: { appId: string; appSecret: string };
  facebook?: { appId: string; appSecret: string };
}

/** What every Herald process shares, derived once from the environment. */
export interface S3Settings {
  /** undefined: AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** A CDN or public bucket URL; undefined: pre-signed GET URLs valid `presignSeconds`. */
  publicUrl?: string;
  presignSeconds: number;
  /** Where browsers reach the bucket (S3_PUBLIC_ENDPOINT); undefined: `endpoint`. */
  publicEndpoint?: string;
  /** How long a pre-signed UploadPart URL of a direct upload is valid. */
  partUrlSeconds: number;
  /** Large uploads go from the browser straight to the bucket (S3_DIRECT_UPLOADS). */
  directUploads: boolean;
}

export type StorageSettings = { kind: 'local' } | ({ kind: 's3' } & S3Settings);

export interface CoreConfig {
  env: CoreEnv['NODE_ENV'];
  databaseUrl: string;
  redisUrl: string;
  /** DATABASE_POOL_MAX: this process's Postgres pool size; undefined leaves each app's default. */
  databasePoolMax?: number;
  encryption: { currentKey: string; previousKeys: string[] };
  logLevel: CoreEnv['LOG_LEVEL'];
  frontendUrl: string;
  backendPublicUrl: string;
  backendInternalUrl: string;
  uploadDirectory: string;
  uploadsPublicUrl: string;
  /** STORAGE: where media files live (docs/self-hosting.md#media-storage). */
  storage: StorageSettings;
  /** UPLOAD_MAX_VIDEO_MB: the largest video an upload accepts and publishing reads (streamed, never held whole). */
  uploadMaxVideoBytes: number;
  /** MEDIA_RETENTION_DAYS: how long a deleted medium's file is kept. */
  mediaRetentionDays: number;
  demoMode: boolean;
  platformTimeoutMs: number;
  platformUrls: PlatformUrls;
  credentials: PlatformCredentials;
  /** Outgoing email; undefined when EMAIL_SMTP_URL is not set (docs/self-hosting.md#email). */
  email?: EmailSettings;
  /** Analytics collection (docs/analytics.md). */
  analytics: { x: 'off' | 'daily' | 'hourly'; retentionDays: number };
}

export interface EmailSettings {
  /** `smtp://` or `smtps://`, with the login in it: a secret, never logged. */
  smtpUrl: string;
  /** The From header, e.g. `Herald <herald@example.com>`. */
  from: string;
}

export interface BackendConfig extends CoreConfig {
  port: number;
  jwtSecret: string;
  apiLimitPerHour: number;
  uploadFromUrlAllowPrivate: boolean;
  secureCookies: boolean;
  /** Bearer token that lets a remote scraper read GET /metrics (loopback peers need none). */
  metricsToken?: string;
  /** `closed`: only the first account of an empty instance may sign up; invitations always work. */
  registration: 'open' | 'closed';
  uploadQuotaBytes: number;
  /** One part of a chunked upload (UPLOAD_CHUNK_KB). */
  uploadChunkBytes: number;
  /** Uploads per organization per minute. */
  uploadRatePerMinute: number;
  /** Express "trust proxy" value: the peers whose X-Forwarded-For is believed. */
  trustProxy: string;
}

export interface WorkersConfig extends CoreConfig {
  concurrency: number;
}

export type CronConfig = CoreConfig;

/** The all-in-one process: the backend's configuration and the workers' concurrency. */
export type AllInOneConfig = BackendConfig & WorkersConfig;

function pair<K1 extends string, K2 extends string>(a: string | undefined, b: string | undefined, k1: K1, k2: K2) {
  return a && b ? ({ [k1]: a, [k2]: b } as Record<K1 | K2, string>) : undefined;
}

function storageSettings(e: CoreEnv): StorageSettings {
  if (e.STORAGE === 'local') return { kind: 'local' };
  const problems: string[] = [];
  if (!e.S3_BUCKET) problems.push('S3_BUCKET is required when STORAGE=s3');
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set both, or neither (the AWS default credential chain)');
  if (problems.length > 0 || !e.S3_BUCKET) throw new ConfigError('storage', problems);
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    publicUrl: e.S3_PUBLIC_URL,
    presignSeconds: e.S3_PRESIGN_SECONDS,
    publicEndpoint: e.S3_PUBLIC_ENDPOINT,
    partUrlSeconds: e.S3_PART_URL_SECONDS,
    directUploads: e.S3_DIRECT_UPLOADS,
  };
}

export function toCoreConfig(e: CoreEnv): CoreConfig {
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    encryption: {
      currentKey: e.ENCRYPTION_KEY,
      previousKeys: (e.ENCRYPTION_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    },
    logLevel: e.LOG_LEVEL,
    frontendUrl: e.FRONTEND_URL,
    backendPublicUrl: e.NEXT_PUBLIC_BACKEND_URL,
    backendInternalUrl: e.BACKEND_INTERNAL_URL,
    uploadDirectory: e.UPLOAD_DIRECTORY,
    uploadsPublicUrl: (e.UPLOADS_PUBLIC_URL ?? `${e.NEXT_PUBLIC_BACKEND_URL}/uploads`).replace(/\/+$/, ''),
    storage: storageSettings(e),
    uploadMaxVideoBytes: e.UPLOAD_MAX_VIDEO_MB * 1024 * 1024,
    mediaRetentionDays: e.MEDIA_RETENTION_DAYS,
    demoMode: e.DEMO_MODE,
    platformTimeoutMs: e.PLATFORM_TIMEOUT_MS,
    platformUrls: {
      xApi: e.X_API_URL,
      xUpload: e.X_UPLOAD_URL,
      instagramAuthorize: e.INSTAGRAM_AUTHORIZE_URL,
      instagramApi: e.INSTAGRAM_API_URL,
      instagramGraph: e.INSTAGRAM_GRAPH_URL,
      facebook: e.FACEBOOK_URL,
      facebookGraph: e.FACEBOOK_GRAPH_URL,
      facebookRupload: e.FACEBOOK_RUPLOAD_URL,
      facebookGraphVersion: e.FACEBOOK_GRAPH_VERSION,
    },
    credentials: {
      x: pair(e.X_API_KEY, e.X_API_SECRET, 'apiKey', 'apiSecret'),
      instagram: pair(e.INSTAGRAM_APP_ID, e.INSTAGRAM_APP_SECRET, 'appId', 'appSecret'),
      facebook: pair(e.FACEBOOK_APP_ID, e.FACEBOOK_APP_SECRET, 'appId', 'appSecret'),
    },
    analytics: { x: e.ANALYTICS_X, retentionDays: e.ANALYTICS_RETENTION_DAYS },
    ...(e.EMAIL_SMTP_URL ? { email: { smtpUrl: e.EMAIL_SMTP_URL, from: e.EMAIL_FROM ?? `Herald <herald@${new URL(e.FRONTEND_URL).hostname}>` } } : {}),
  };
}

type Env = Record<string, string | undefined>;

export function backendConfigFrom(env: Env = process.env, exitOnError = false): BackendConfig {
  const e = exitOnError ? parseEnvOrExit('backend', backendEnvShape, env) : parseEnv('backend', backendEnvShape, env);
  return {
    ...toCoreConfig(e),
    port: e.PORT,
    jwtSecret: e.JWT_SECRET,
    apiLimitPerHour: e.API_LIMIT,
    uploadFromUrlAllowPrivate: e.UPLOAD_FROM_URL_ALLOW_PRIVATE,
    secureCookies: e.FRONTEND_URL.startsWith('https://'),
    metricsToken: e.METRICS_TOKEN,
    registration: e.REGISTRATION,
    uploadQuotaBytes: e.UPLOAD_QUOTA_MB * 1024 * 1024,
    uploadChunkBytes: e.UPLOAD_CHUNK_KB * 1024,
    uploadRatePerMinute: e.UPLOAD_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
  };
}

export function workersConfigFrom(env: Env = process.env, exitOnError = false): WorkersConfig {
  const e = exitOnError ? parseEnvOrExit('workers', workersEnvShape, env) : parseEnv('workers', workersEnvShape, env);
  return { ...toCoreConfig(e), concurrency: e.WORKER_CONCURRENCY };
}

export function cronConfigFrom(env: Env = process.env, exitOnError = false): CronConfig {
  const e = exitOnError ? parseEnvOrExit('cron', cronEnvShape, env) : parseEnv('cron', cronEnvShape, env);
  return toCoreConfig(e);
}

export function allInOneConfigFrom(env: Env = process.env, exitOnError = false): AllInOneConfig {
  const e = exitOnError ? parseEnvOrExit('herald', allInOneEnvShape, env) : parseEnv('herald', allInOneEnvShape, env);
  // The same environment passed the backend's shape as part of this one.
  return { ...backendConfigFrom(env), concurrency: e.WORKER_CONCURRENCY };
}
