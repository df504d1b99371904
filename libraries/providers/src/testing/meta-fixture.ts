import axios from 'axios';
import { resolveDeps, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { RecordingServer } from './recording-server';

export const NOW = new Date('2026-03-01T12:00:00Z');

export interface MetaFixture {
  /** Plays graph.facebook.com / graph.instagram.com. */
  graph: RecordingServer;
  /** Plays api.instagram.com. */
  api: RecordingServer;
  config: ProvidersConfig & Required<Pick<ProvidersConfig, 'facebook' | 'instagramStandalone'>>;
  deps: ResolvedDeps;
  sleeps: number[];
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Fake Meta hosts plus config pointing every Meta URL at them, with a clock that only sleeps move. Specs only. */
export async function startMetaFixture(): Promise<MetaFixture> {
  const graph = await RecordingServer.start();
  const api = await RecordingServer.start();
  const sleeps: number[] = [];
  let now = NOW.getTime();
  const config = {
    frontendUrl: 'https://herald.example/',
    graphVersion: 'v23.0',
    requestTimeoutMs: 2_000,
    containerPollTimeoutMs: 60_000,
    facebook: { appId: '1234', appSecret: 'fb-secret', url: 'https://www.facebook.test', graphUrl: graph.url },
    instagramStandalone: {
      appId: '5678',
      appSecret: 'ig-secret',
      authorizeUrl: 'https://www.instagram.test',
      apiUrl: api.url,
      graphUrl: graph.url,
    },
  };
  const deps = resolveDeps({
    http: axios.create(),
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    now: () => new Date(now),
  });
  return {
    graph,
    api,
    config,
    deps,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    close: async () => {
      await graph.close();
      await api.close();
    },
  };
}

export function graphError(code: number, subcode?: number, message = 'An error', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { error: { message, type: 'OAuthException', code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'AbC', ...extra } };
}
