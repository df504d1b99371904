import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** An agent that can be told of requests to come, and opens their connections a moment ahead. */
export interface ExpectingAgent {
  expect(url: URL, at: Date): void;
}

export interface WarmAgentOptions extends https.AgentOptions {
  /** A connection opened ahead (or left idle after an answer) is never used once it has been idle this long. */
  maxIdleMs: number;
  /** How long before the announced time the connections are opened. */
  leadMs: number;
  /** At most this many connections are opened ahead for one host and instant (default: maxSockets, else 20). */
  maxWarm?: number;
}

interface Warm {
  socket: tls.TLSSocket;
  ready: boolean;
  forget: () => void;
  timer?: NodeJS.Timeout;
}

const DEFAULT_MAX_WARM = 20;

/**
 * A keep-alive HTTPS agent that opens connections ahead of an announced burst. When a thousand posts share a minute,
 * the TLS handshakes of a worker's connections would otherwise sit at the start of the burst, on the CPU that the
 * first requests need. `expect(url, at)` counts the requests announced for each host and instant; `leadMs` before
 * the instant, as many connections as will be used at once are opened, and handed out by `createConnection` to the
 * requests that follow, as a fresh connection would be. A connection not taken within `maxIdleMs` of its handshake
 * is closed: like a kept-alive one, it is never used after being idle for that long.
 */
export class WarmAgent extends https.Agent implements ExpectingAgent {
  private readonly warm = new Map<string, Warm[]>();
  private readonly expected = new Map<string, { url: URL; count: number }>();
  private readonly leadMs: number;
  private readonly maxIdleMs: number;
  private readonly maxWarm: number;

  constructor(options: WarmAgentOptions) {
    const { maxIdleMs, leadMs, maxWarm, ...agentOptions } = options;
    super({ keepAlive: true, timeout: maxIdleMs, ...agentOptions });
    this.leadMs = leadMs;
    this.maxIdleMs = maxIdleMs;
    this.maxWarm = maxWarm ?? (Number.isFinite(this.maxSockets) ? this.maxSockets : DEFAULT_MAX_WARM);
  }

  expect(url: URL, at: Date): void {
    if (url.protocol !== 'https:') return;
    const openAt = at.getTime() - this.leadMs;
    const delay = openAt - Date.now();
    // Too close to the instant: the handshakes would meet the requests, which open their own connections.
    if (delay < 0) return;
    const key = `${url.origin} ${at.getTime()}`;
    const entry = this.expected.get(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.expected.set(key, { url, count: 1 });
    setTimeout(() => {
      const announced = this.expected.get(key);
      this.expected.delete(key);
      if (announced) this.open(announced.url, announced.count);
    }, delay).unref();
  }

  /** Hands out a connection opened ahead for these options, when one is ready; else connects as usual. */
  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    return this.take(this.getName(options)) ?? super.createConnection(options, callback);
  }

  override destroy(): void {
    for (const list of this.warm.values()) for (const w of list) this.discard(w);
    this.warm.clear();
    this.expected.clear();
    super.destroy();
  }

  /** Opens connections for `count` requests to `url`'s host, less those already open and idle. */
  private open(url: URL, count: number): void {
    const options = this.connectOptions(url);
    const name = this.getName(options);
    const idle = (this.freeSockets[name]?.length ?? 0) + (this.warm.get(name)?.length ?? 0);
    const wanted = Math.min(count, this.maxWarm) - idle;
    for (let i = 0; i < wanted; i++) this.connectAhead(name, options);
  }

  /**
   * The options a request to `url` reaches `createConnection` with: the agent's own over the request's, and the
   * server name as Node's agent derives it (none for an IP address).
   */
  private connectOptions(url: URL): https.RequestOptions & tls.ConnectionOptions {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { ...this.options, host, port: Number(url.port || 443), servername: isIP(host) ? '' : host };
  }

  private connectAhead(name: string, options: tls.ConnectionOptions): void {
    const socket = tls.connect(options);
    // Waiting to be used must not keep a process alive that is otherwise done.
    socket.unref();
    const entry: Warm = {
      socket,
      ready: false,
      forget: () => {
        const list = this.warm.get(name);
        const at = list?.indexOf(entry) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
        if (list?.length === 0) this.warm.delete(name);
        this.discard(entry);
      },
    };
    this.warm.set(name, [...(this.warm.get(name) ?? []), entry]);
    socket.on('error', entry.forget);
    socket.on('close', entry.forget);
    socket.once('secureConnect', () => {
      entry.ready = true;
      entry.timer = setTimeout(entry.forget, this.maxIdleMs);
      entry.timer.unref();
    });
  }

  private take(name: string): tls.TLSSocket | undefined {
    const list = this.warm.get(name);
    if (!list) return undefined;
    const index = list.findIndex((w) => w.ready && !w.socket.destroyed && w.socket.writable);
    if (index < 0) return undefined;
    const [entry] = list.splice(index, 1);
    if (list.length === 0) this.warm.delete(name);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    entry.socket.off('error', entry.forget);
    entry.socket.off('close', entry.forget);
    entry.socket.ref();
    return entry.socket;
  }

  private discard(entry: Warm): void {
    clearTimeout(entry.timer);
    entry.socket.destroy();
  }
}

/** True for an agent that can be told of requests to come. */
export function isExpectingAgent(agent: unknown): agent is ExpectingAgent {
  return typeof (agent as Partial<ExpectingAgent> | undefined)?.expect === 'function';
}
