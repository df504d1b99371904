import type { Agent } from 'node:https';
import { createProviderRegistry, createSmtpMailer } from '@herald/core';
import { pendingMigrations } from '@herald/database';
import axios from 'axios';
import type { DoctorDeps } from './doctor-deps';
import { createHttpGet, pingRedis } from './probes';

export interface DoctorDepsOptions {
  /** For the local checks (Postgres, Redis, the dashboard, the backend); default 3 s. */
  timeoutMs?: number;
  /** For the platform checks; default 10 s (shorter than the providers' own 30 s). */
  platformTimeoutMs?: number;
  /** Trusts a private CA (the sandbox) for every HTTPS call; in production NODE_EXTRA_CA_CERTS does this. */
  httpsAgent?: Agent;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createDoctorDeps(options: DoctorDepsOptions = {}): DoctorDeps {
  const timeoutMs = options.timeoutMs ?? 3000;
  const platformTimeoutMs = options.platformTimeoutMs ?? 10_000;
  const agent = options.httpsAgent;
  return {
    pendingMigrations: (url) => withTimeout(pendingMigrations(url), timeoutMs),
    pingRedis: (url) => pingRedis(url, timeoutMs),
    httpGet: createHttpGet({ timeoutMs, ...(agent ? { httpsAgent: agent } : {}) }),
    providers: (config) => {
      const timeout = Math.min(config.platformTimeoutMs, platformTimeoutMs);
      const scoped = { ...config, platformTimeoutMs: timeout };
      if (!agent) return createProviderRegistry(scoped);
      const http = axios.create({ timeout, maxRedirects: 0, validateStatus: () => true, httpsAgent: agent });
      return createProviderRegistry(scoped, { http, httpsAgent: agent });
    },
    verifySmtp: async (settings) => {
      const mailer = createSmtpMailer(settings);
      try {
        await withTimeout(mailer.verify(), platformTimeoutMs);
      } finally {
        mailer.close();
      }
    },
    now: () => Date.now(),
  };
}
