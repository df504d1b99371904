import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { type BackendConfig, backendConfigFrom } from '@herald/config';
import { createLogger, createRedis } from '@herald/core';
import { createDatabase, type Database, runMigrations } from '@herald/database';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type Redis from 'ioredis';
import request from 'supertest';
import { createBackendApp } from '../src/app.factory';
import type { InfraDependencies } from '../src/infra/infra.module';

export const FRONTEND = 'http://localhost:4200';

export interface TestBackend {
  app: NestExpressApplication;
  server: Server;
  config: BackendConfig;
  db: Database;
  redis: Redis;
  /** A cookie-keeping client whose mutations come from the dashboard's origin. */
  agent: () => request.Agent;
  close: () => Promise<void>;
}

let migrated: Promise<unknown> | undefined;

export function testEnv(overrides: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-000',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FRONTEND_URL: FRONTEND,
    // Specs share one database and sign up many people; the closed policy has its own spec.
    REGISTRATION: 'open',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    ...overrides,
  };
}

export async function startTestBackend(overrides: Record<string, string> = {}, extra: Pick<InfraDependencies, 'providerDeps' | 'emailQueuePrefix'> = {}): Promise<TestBackend> {
  const config = backendConfigFrom(testEnv(overrides));
  migrated ??= runMigrations(config.databaseUrl);
  await migrated;
  const db = createDatabase(config.databaseUrl, { max: 4 });
  const redis = createRedis(config.redisUrl, 'test');
  const logger = createLogger('backend-test', config.logLevel);
  const app = await createBackendApp({ config, db, redis, logger, ...extra });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    server,
    config,
    db,
    redis,
    agent: () => request.agent(server).set('Origin', FRONTEND),
    close: async () => {
      await app.close();
      await db.$disconnect();
      redis.disconnect();
    },
  };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

/** Registers a fresh user and organization and returns a signed-in agent. */
export async function signUp(backend: TestBackend, label = 'user') {
  const agent = backend.agent();
  const email = uniqueEmail(label);
  const res = await agent.post('/auth/register').send({ email, password: 'correct horse battery', company: `${label} Inc` }).expect(201);
  const body = res.body as { user: { id: string; email: string }; organization: { id: string; name: string } };
  return { agent, email, password: 'correct horse battery', user: body.user, organization: body.organization };
}
