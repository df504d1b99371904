import { lookup } from 'node:dns/promises';
import { type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isAllowedAddress } from './address-policy';

export type RefusalReason = 'invalid_url' | 'scheme' | 'address' | 'unresolvable' | 'too_many_redirects';

/** The request was not sent (or not followed further) because of where it would go. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** 0 for the URL given, 1 for the first redirect, ... */
    readonly hop: number,
  ) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

/** The remote did not answer in time, or the connection failed. */
export class OutboundFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundFailedError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeRequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Loopback and private networks too (tests, receivers on the LAN). Link-local and metadata never. */
  allowPrivate: boolean;
  protocols?: readonly ('http:' | 'https:')[];
  /** GET only; a POST answered with a redirect is returned as it is. */
  maxRedirects?: number;
  /** The whole exchange, body included: the response is destroyed when it passes. */
  timeoutMs: number;
  /** Tests inject a resolver and an address policy; production uses the system resolver and address-policy. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  isAllowed?: (address: string, allowPrivate: boolean) => boolean;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The final URL, after redirects. */
  url: string;
  body: IncomingMessage;
  /** Stops the deadline timer and the connection; call it when done with the body. */
  release(): void;
}

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> => lookup(hostname, { all: true, verbatim: true });

interface Target {
  url: URL;
  address: ResolvedAddress;
}

/**
 * Resolves the host and checks every address it resolves to: one bad address refuses the whole name, so a
 * host cannot mix a public address with an internal one and hope for the second.
 */
async function resolveTarget(raw: string, hop: number, options: SafeRequestOptions): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError('invalid_url', 'The URL is not valid.', hop);
  }
  const protocols = options.protocols ?? ['https:', 'http:'];
  if (!(protocols as readonly string[]).includes(url.protocol)) throw new OutboundRefusedError('scheme', `Only ${protocols.join(' and ')} URLs are allowed.`, hop);
  if (url.username || url.password) throw new OutboundRefusedError('invalid_url', 'URLs with credentials are not allowed.', hop);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new OutboundRefusedError('unresolvable', `The host ${host} could not be resolved.`, hop);
    }
  }
  const allowed = options.isAllowed ?? isAllowedAddress;
  const first = addresses[0];
  if (!first) throw new OutboundRefusedError('unresolvable', `The host ${host} could not be resolved.`, hop);
  if (addresses.some((a) => !allowed(a.address, options.allowPrivate))) {
    throw new OutboundRefusedError('address', 'The URL points to an internal network address.', hop);
  }
  return { url, address: first };
}

/** One exchange, connected to the address that was checked (not to whatever the name resolves to next: DNS rebinding). */
function send(target: Target, options: SafeRequestOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const { url, address } = target;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const requestOptions: RequestOptions & { servername?: string } = {
    method: options.method ?? 'GET',
    host: address.address,
    family: address.family,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: { ...options.headers, host: url.host },
    agent: false,
    signal,
  };
  // TLS checks the certificate against the name, not the address we pinned.
  if (url.protocol === 'https:' && !isIP(host)) requestOptions.servername = host;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(requestOptions, resolve);
    req.on('error', (error: Error) => reject(new OutboundFailedError(signal.aborted ? 'The remote did not answer in time.' : error.message)));
    req.end(options.body);
  });
}

/**
 * An HTTP request that only reaches allowed addresses: the host is resolved and checked before connecting, the
 * connection goes to the checked address, every redirect hop is checked the same way (followed by hand, at most
 * `maxRedirects`), and one deadline covers the whole exchange.
 */
export async function safeRequest(rawUrl: string, options: SafeRequestOptions): Promise<SafeResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let open: IncomingMessage | undefined;
  const release = () => {
    clearTimeout(timer);
    open?.destroy();
  };
  const maxRedirects = options.method === 'POST' ? 0 : (options.maxRedirects ?? 3);
  let current = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      const target = await resolveTarget(current, hop, options);
      const response = await send(target, options, controller.signal);
      open = response;
      // The consumer (a pipeline, or nobody once the status is read) sees a timeout as the end of the body;
      // without a listener, a late abort would crash the process instead.
      response.on('error', () => undefined);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && maxRedirects > 0) {
        response.resume();
        if (hop >= maxRedirects) throw new OutboundRefusedError('too_many_redirects', `More than ${maxRedirects} redirects.`, hop + 1);
        current = new URL(location, target.url).href;
        continue;
      }
      return { status, headers: response.headers, url: target.url.href, body: response, release };
    }
  } catch (error) {
    release();
    throw error;
  }
}
