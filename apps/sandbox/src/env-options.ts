import { z } from 'zod';
import { DEMO_CREDENTIALS, demoApps, type SandboxOptions } from './options';

const int = z.coerce.number().int();

const EnvSchema = z.object({
  SANDBOX_BASE_PORT: int.min(0).max(65_000).default(4300),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_PUBLIC_HOST: z.string().default('localhost'),
  SANDBOX_CA_DIR: z.string().default('.data/sandbox-ca'),
  SANDBOX_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).optional(),
  SANDBOX_TIME_OFFSET_MS: int.default(0),
  SANDBOX_CONTAINER_PROCESSING_MS: int.min(0).optional(),
  SANDBOX_X_MEDIA_PROCESSING_MS: int.min(0).optional(),
  SANDBOX_X_TIMESTAMP_SKEW_SEC: int.min(1).optional(),
  SANDBOX_IG_PUBLISH_QUOTA: int.min(1).optional(),
  SANDBOX_INSTAGRAM_TOKEN_SHAPE: z.enum(['wrapped', 'flat']).optional(),
  SANDBOX_REFUSE_DUPLICATES: z.enum(['true', 'false']).optional(),
  FRONTEND_URL: z.string().url().default('http://localhost:4200'),
  X_API_KEY: z.string().min(1).default(DEMO_CREDENTIALS.x.consumerKey),
  X_API_SECRET: z.string().min(1).default(DEMO_CREDENTIALS.x.consumerSecret),
  INSTAGRAM_APP_ID: z.string().min(1).default(DEMO_CREDENTIALS.instagram.appId),
  INSTAGRAM_APP_SECRET: z.string().min(1).default(DEMO_CREDENTIALS.instagram.appSecret),
  FACEBOOK_APP_ID: z.string().min(1).default(DEMO_CREDENTIALS.facebook.appId),
  FACEBOOK_APP_SECRET: z.string().min(1).default(DEMO_CREDENTIALS.facebook.appSecret),
});

/** Reads SANDBOX_* (and the app credentials Herald itself uses, so one .env serves both); lists every problem. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid sandbox environment:\n${problems}`);
  }
  const e = parsed.data;
  const demo = demoApps(e.FRONTEND_URL);
  return {
    basePort: e.SANDBOX_BASE_PORT,
    host: e.SANDBOX_HOST,
    publicHost: e.SANDBOX_PUBLIC_HOST,
    caDir: e.SANDBOX_CA_DIR,
    frontendUrl: e.FRONTEND_URL,
    timeOffsetMs: e.SANDBOX_TIME_OFFSET_MS,
    ...(e.SANDBOX_GRAPH_VERSION ? { graphVersion: e.SANDBOX_GRAPH_VERSION } : {}),
    apps: {
      x: demo.x.map((a) => ({ ...a, consumerKey: e.X_API_KEY, consumerSecret: e.X_API_SECRET })),
      instagram: demo.instagram.map((a) => ({ ...a, appId: e.INSTAGRAM_APP_ID, appSecret: e.INSTAGRAM_APP_SECRET })),
      facebook: demo.facebook.map((a) => ({ ...a, appId: e.FACEBOOK_APP_ID, appSecret: e.FACEBOOK_APP_SECRET })),
    },
    timing: {
      ...(e.SANDBOX_CONTAINER_PROCESSING_MS !== undefined ? { containerProcessingMs: e.SANDBOX_CONTAINER_PROCESSING_MS } : {}),
      ...(e.SANDBOX_X_MEDIA_PROCESSING_MS !== undefined ? { xMediaProcessingMs: e.SANDBOX_X_MEDIA_PROCESSING_MS } : {}),
      ...(e.SANDBOX_X_TIMESTAMP_SKEW_SEC !== undefined ? { xTimestampSkewSec: e.SANDBOX_X_TIMESTAMP_SKEW_SEC } : {}),
    },
    limits: e.SANDBOX_IG_PUBLISH_QUOTA !== undefined ? { igPublishQuota: e.SANDBOX_IG_PUBLISH_QUOTA } : {},
    behaviour: {
      ...(e.SANDBOX_INSTAGRAM_TOKEN_SHAPE ? { instagramTokenResponseShape: e.SANDBOX_INSTAGRAM_TOKEN_SHAPE } : {}),
      ...(e.SANDBOX_REFUSE_DUPLICATES ? { refuseDuplicates: e.SANDBOX_REFUSE_DUPLICATES === 'true' } : {}),
    },
  };
}
