import { resolve } from 'node:path';
import { deauthorizePersona, expireToken, resetState, revokeToken, type TokenAction } from './admin/admin-ops';
import { adminService } from './admin/admin-service';
import { type SandboxContext, type SandboxUrls } from './context';
import { ensureSandboxCa, issueLeafCertificate } from './core/ca';
import { SandboxClock } from './core/clock';
import { FaultEngine, type FaultRule, type FaultRuleInput } from './core/faults';
import { SERVICE_IDS, type ServiceId } from './core/http-types';
import { startService, type RunningService } from './core/https-server';
import { Ledger } from './core/ledger';
import { type ServiceDefinition } from './core/service';
import { facebookGraphService, facebookWebService } from './facebook/facebook-service';
import { GraphState } from './graph/graph-state';
import { instagramApiService, instagramAuthorizeService, instagramGraphService } from './instagram/instagram-service';
import {
  DEFAULT_BEHAVIOUR,
  DEFAULT_GRAPH_VERSION,
  DEFAULT_LIMITS,
  DEFAULT_TIMING,
  demoApps,
  type SandboxApps,
  type SandboxOptions,
} from './options';
import { createPersonas, type Persona, PersonaDirectory } from './personas/personas';
import { WindowCounter } from './x/x-rate-limit';
import { XState } from './x/x-state';
import { xApiService, xUploadService } from './x/x-service';

export interface SandboxHandle {
  /** Spread into Herald's env/config: exactly the variables Herald reads. */
  urls: SandboxUrls;
  adminUrl: string;
  ports: Record<ServiceId, number>;
  caCertPem: string;
  caCertPath: string;
  apps: SandboxApps;
  personas: Persona[];
  /** The current ledger (replaced by `reset()`). */
  readonly ledger: Ledger;
  faults: {
    add(rule: FaultRuleInput): FaultRule;
    remove(id: string): boolean;
    clear(): void;
    list(): FaultRule[];
  };
  clock: SandboxClock;
  tokens: {
    revoke(token: string): TokenAction;
    expire(token: string): TokenAction;
    deauthorize(personaId: string, platform?: 'x' | 'instagram' | 'facebook', appId?: string): number;
  };
  /** Forgets every token, code, post, container and fault rule; personas and apps stay. */
  reset(): void;
  close(): Promise<void>;
}

const PORT_ORDER: ServiceId[] = [...SERVICE_IDS];

export function resolvePorts(options: SandboxOptions): Record<ServiceId, number> {
  const base = options.basePort ?? 4300;
  const ports = {} as Record<ServiceId, number>;
  PORT_ORDER.forEach((id, i) => {
    ports[id] = options.ports?.[id] ?? (base === 0 ? 0 : base + i);
  });
  return ports;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const ca = await ensureSandboxCa(resolve(options.caDir ?? '.data/sandbox-ca'));
  const publicHost = options.publicHost ?? 'localhost';
  const bindHost = options.host ?? '127.0.0.1';
  const tls = await issueLeafCertificate(ca, [publicHost, bindHost]);
  const defaults = demoApps(options.frontendUrl);
  const apps: SandboxApps = {
    x: options.apps?.x ?? defaults.x,
    instagram: options.apps?.instagram ?? defaults.instagram,
    facebook: options.apps?.facebook ?? defaults.facebook,
  };
  for (const app of apps.x) {
    if (app.callbackUrls.length > 10) throw new Error(`X app ${app.consumerKey}: at most 10 callback URLs`);
  }
  const initialOffset = options.timeOffsetMs ?? 0;
  const ctx: SandboxContext = {
    timing: { ...DEFAULT_TIMING, ...options.timing },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    apps,
    graphVersion: options.graphVersion ?? DEFAULT_GRAPH_VERSION,
    clock: new SandboxClock(options.clock ?? Date.now, initialOffset),
    personas: new PersonaDirectory(createPersonas()),
    ledger: new Ledger(),
    faults: new FaultEngine(options.random ?? Math.random),
    x: new XState(),
    graph: new GraphState(),
    rate: new WindowCounter(),
    urls: {} as SandboxUrls,
    adminUrl: '',
    caCertPem: ca.caCertPem,
    ...(options.mediaFetchCaPem ? { mediaFetchCaPem: options.mediaFetchCaPem } : {}),
  };
  const definitions: Record<ServiceId, ServiceDefinition> = {
    admin: adminService(ctx, initialOffset),
    'x-api': xApiService(ctx),
    'x-upload': xUploadService(ctx),
    'instagram-authorize': instagramAuthorizeService(ctx),
    'instagram-api': instagramApiService(ctx),
    'instagram-graph': instagramGraphService(ctx),
    'facebook-web': facebookWebService(ctx),
    'facebook-graph': facebookGraphService(ctx),
  };
  const wanted = resolvePorts(options);
  const running: RunningService[] = [];
  const ports = {} as Record<ServiceId, number>;
  const deps = { clock: ctx.clock, faults: () => ctx.faults, ledger: () => ctx.ledger, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024 };
  try {
    for (const id of PORT_ORDER) {
      const service = await startService(definitions[id], deps, tls, { host: bindHost, port: wanted[id], publicHost });
      running.push(service);
      ports[id] = service.port;
    }
  } catch (err) {
    await Promise.all(running.map((s) => s.close()));
    throw err;
  }
  const origin = (id: ServiceId): string => `https://${publicHost}:${ports[id]}`;
  ctx.adminUrl = origin('admin');
  ctx.urls = {
    X_API_URL: origin('x-api'),
    X_UPLOAD_URL: origin('x-upload'),
    INSTAGRAM_AUTHORIZE_URL: origin('instagram-authorize'),
    INSTAGRAM_API_URL: origin('instagram-api'),
    INSTAGRAM_GRAPH_URL: origin('instagram-graph'),
    FACEBOOK_URL: origin('facebook-web'),
    FACEBOOK_GRAPH_URL: origin('facebook-graph'),
    FACEBOOK_RUPLOAD_URL: origin('facebook-graph'),
    FACEBOOK_GRAPH_VERSION: ctx.graphVersion,
  };
  return {
    urls: ctx.urls,
    adminUrl: ctx.adminUrl,
    ports,
    caCertPem: ca.caCertPem,
    caCertPath: ca.caCertPath,
    apps,
    personas: ctx.personas.personas,
    get ledger() {
      return ctx.ledger;
    },
    faults: {
      add: (rule) => ctx.faults.add(rule),
      remove: (id) => ctx.faults.remove(id),
      clear: () => ctx.faults.clear(),
      list: () => ctx.faults.list(),
    },
    clock: ctx.clock,
    tokens: {
      revoke: (token) => revokeToken(ctx, token),
      expire: (token) => expireToken(ctx, token),
      deauthorize: (personaId, platform, appId) => deauthorizePersona(ctx, personaId, platform, appId),
    },
    reset: () => resetState(ctx, initialOffset),
    close: async () => {
      await Promise.all(running.map((s) => s.close()));
    },
  };
}
