import { Agent } from 'node:https';
import axios from 'axios';
import type { ProvidersConfig, XConfig } from '../contracts/provider-config';
import { resolveDeps, type ResolvedDeps } from '../contracts/provider-config';
import { RecordingServer } from './recording-server';
import { TEST_TLS_CERT } from './tls-fixture';

export const X_KEY = 'xvz1evFS4wEEPTGEFPHBog';
export const X_SECRET = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';

export interface XFixture {
  server: RecordingServer;
  config: ProvidersConfig & { x: XConfig };
  deps: ResolvedDeps;
  sleeps: number[];
}

/** An HTTPS fake X plus config pointing X_API_URL and X_UPLOAD_URL at it. Specs only. */
export async function startXFixture(): Promise<XFixture> {
  const server = await RecordingServer.start({ tls: true });
  const sleeps: number[] = [];
  const config = {
    frontendUrl: 'https://herald.example',
    graphVersion: 'v23.0',
    requestTimeoutMs: 2_000,
    x: { apiKey: X_KEY, apiSecret: X_SECRET, apiUrl: server.url, uploadUrl: server.url },
  };
  const deps = resolveDeps({
    http: axios.create(),
    httpsAgent: new Agent({ ca: TEST_TLS_CERT, keepAlive: false }),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => new Date('2026-03-01T12:00:00Z'),
  });
  return { server, config, deps, sleeps };
}
