import { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { type AddressInfo } from 'node:net';
import { type Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { BodyTooLargeError, parseBody, readBody } from './body';
import { type SandboxClock } from './clock';
import { type FaultEngine, type FaultRule } from './faults';
import { type SandboxReply, type SandboxRequest, jsonReply } from './http-types';
import { type Ledger } from './ledger';
import { FaultInterrupt, type ServiceDefinition } from './service';

export interface RunningService {
  id: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerDeps {
  clock: SandboxClock;
  faults: () => FaultEngine;
  ledger: () => Ledger;
  maxBodyBytes: number;
}

export interface TlsMaterial {
  key: string;
  cert: string;
}

export async function startService(
  def: ServiceDefinition,
  deps: ServerDeps,
  tls: TlsMaterial,
  listen: { host: string; port: number; publicHost: string },
): Promise<RunningService> {
  const sockets = new Set<Duplex>();
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (nodeReq, nodeRes) => {
    void handle(def, deps, listen.publicHost, nodeReq, nodeRes);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A destroyed client socket must not bring the sandbox down.
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    id: def.id,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type NodeRequest = IncomingMessage;
type NodeResponse = ServerResponse;

async function handle(def: ServiceDefinition, deps: ServerDeps, publicHost: string, nodeReq: NodeRequest, nodeRes: NodeResponse): Promise<void> {
  const receivedAt = deps.clock.now();
  const faults = deps.faults();
  const ledger = deps.ledger();
  const host = nodeReq.headers.host ?? publicHost;
  const url = new URL(nodeReq.url ?? '/', `https://${host}`);
  let raw: Buffer;
  try {
    raw = await readBody(nodeReq, deps.maxBodyBytes);
  } catch (err) {
    const status = err instanceof BodyTooLargeError ? 413 : 400;
    send(nodeRes, jsonReply(status, { error: status === 413 ? 'payload too large' : 'bad request body' }));
    return;
  }
  const body = parseBody(nodeReq.headers['content-type'], raw);
  let fired: FaultRule | undefined;
  const req: SandboxRequest = {
    service: def.id,
    method: (nodeReq.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    rawPath: url.pathname,
    url,
    query: url.searchParams,
    headers: nodeReq.headers,
    rawBody: raw,
    bodyKind: body.kind,
    form: body.form,
    multipart: body.multipart,
    json: body.json,
    jsonInvalid: body.jsonInvalid,
    receivedAt,
    identify(accountId: string) {
      if (fired) return;
      const rule = faults.decide(req, accountId);
      if (!rule) return;
      fired = rule;
      if (rule.phase === 'before' && rule.action.type !== 'delay') throw new FaultInterrupt(rule.id);
    },
  };
  def.prepare?.(req);
  const log = (status: number, fault?: FaultRule): void =>
    ledger.recordRequest({ service: def.id, method: req.method, path: req.rawPath, status, at: receivedAt, ...(fault ? { fault: fault.id } : {}) });

  fired = faults.decide(req, undefined);
  if (fired && fired.phase === 'before') {
    const done = await applyFault(def, req, fired, nodeReq, nodeRes, log);
    if (done) return;
  }

  let reply: SandboxReply;
  try {
    const match = def.router.match(req.method, req.path);
    reply = match.kind === 'found' ? await match.handler(req, match.params) : def.notFound(req, match.kind);
  } catch (err) {
    if (err instanceof FaultInterrupt && fired) {
      await applyFault(def, req, fired, nodeReq, nodeRes, log);
      return;
    }
    console.error(`[sandbox] ${def.id} ${req.method} ${req.rawPath} failed:`, err);
    reply = def.internalError(req);
  }

  if (fired && (fired.phase === 'after' || fired.action.type === 'delay')) {
    if (fired.action.type === 'delay') {
      // Account-bound delays are only known after processing; unbound ones already slept before.
      if (fired.accountId !== undefined) await sleep(fired.action.ms);
    } else {
      const done = await applyFault(def, req, fired, nodeReq, nodeRes, log);
      if (done) return;
    }
  }
  def.decorate?.(req, reply);
  log(reply.status, fired);
  send(nodeRes, reply);
}

/** Returns true when the fault produced the whole outcome (nothing else may be sent). */
async function applyFault(
  def: ServiceDefinition,
  req: SandboxRequest,
  rule: FaultRule,
  nodeReq: NodeRequest,
  nodeRes: NodeResponse,
  log: (status: number, fault?: FaultRule) => void,
): Promise<boolean> {
  const action = rule.action;
  switch (action.type) {
    case 'delay':
      await sleep(action.ms);
      return false;
    case 'timeout':
      log(0, rule);
      if (action.mode !== 'hang') nodeReq.socket.destroy();
      return true;
    case 'rate-limit':
    case 'server-error':
    case 'token-revoked': {
      const reply = def.faultReply(req, action);
      log(reply.status, rule);
      send(nodeRes, reply);
      return true;
    }
  }
}

function send(res: NodeResponse, reply: SandboxReply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}
