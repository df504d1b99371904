import { type SandboxClock } from './core/clock';
import { type FaultEngine } from './core/faults';
import { fetchMedia, type FetchResult } from './core/media-fetch';
import { type Ledger } from './core/ledger';
import { type GraphState } from './graph/graph-state';
import { type SandboxApps, type SandboxBehaviour, type SandboxLimits, type SandboxTiming } from './options';
import { type PersonaDirectory } from './personas/personas';
import { type WindowCounter } from './x/x-rate-limit';
import { type XState } from './x/x-state';

/** Exactly the environment variables Herald reads to find the platforms. */
export interface SandboxUrls {
  X_API_URL: string;
  X_UPLOAD_URL: string;
  INSTAGRAM_AUTHORIZE_URL: string;
  INSTAGRAM_API_URL: string;
  INSTAGRAM_GRAPH_URL: string;
  FACEBOOK_URL: string;
  FACEBOOK_GRAPH_URL: string;
  FACEBOOK_RUPLOAD_URL: string;
  FACEBOOK_GRAPH_VERSION: string;
}

/** Everything a route needs. State fields are replaced wholesale on reset, so read them at request time. */
export interface SandboxContext {
  timing: SandboxTiming;
  limits: SandboxLimits;
  behaviour: SandboxBehaviour;
  apps: SandboxApps;
  graphVersion: string;
  clock: SandboxClock;
  personas: PersonaDirectory;
  ledger: Ledger;
  faults: FaultEngine;
  x: XState;
  graph: GraphState;
  rate: WindowCounter;
  urls: SandboxUrls;
  adminUrl: string;
  caCertPem: string;
  mediaFetchCaPem?: string;
}

export function avatarUrl(ctx: SandboxContext, kind: 'x' | 'instagram' | 'facebook' | 'page', id: string): string {
  return `${ctx.adminUrl}/avatars/${kind}/${id}.png`;
}

export function fetchRemoteMedia(ctx: SandboxContext, url: string, maxBytes: number): Promise<FetchResult> {
  const extra = [ctx.caCertPem, ctx.mediaFetchCaPem].filter((p): p is string => !!p).join('\n');
  return fetchMedia(url, { extraCaPem: extra, maxBytes, timeoutMs: ctx.timing.mediaFetchTimeoutMs });
}
