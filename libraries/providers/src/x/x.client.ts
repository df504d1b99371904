import http, { type IncomingHttpHeaders } from 'node:http';
import https, { type Agent } from 'node:https';
import {
  TwitterApi,
  TwitterApiPluginResponseOverride,
  type ITwitterApiAfterRequestHookArgs,
  type ITwitterApiBeforeRequestConfigHookArgs,
  type ITwitterApiClientPlugin,
  type ITwitterApiRequestErrorHookArgs,
  type TwitterResponse,
} from 'twitter-api-v2';
import type { XConfig } from '../contracts/provider-config';
import { isExpectingAgent } from '../common/warm-agent';
import { oauth1Authorization } from './x.oauth1';

/** The origins twitter-api-v2 hard-codes (docs/platforms.md A.1). */
const LIBRARY_API_ORIGIN = 'https://api.x.com';
const LIBRARY_UPLOAD_ORIGIN = 'https://upload.x.com';

/** A request that got no HTTP answer; `cause` is the socket-level error (its `code` tells if anything was sent). */
export class XTransportError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'XTransportError';
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Points twitter-api-v2 at X_API_URL / X_UPLOAD_URL (docs/http-api.md §2). It rewrites the origin in
 * `onBeforeRequestConfig`, i.e. before the OAuth signature is computed, so the signed base URL is the
 * one actually called. The library only form-parses token answers from `https://api.x.com/oauth/`,
 * so elsewhere we parse those bodies ourselves after success; error bodies (JSON, with the codes
 * 32/415 we classify on) keep the library's content-type detection.
 */
export class XOriginPlugin implements ITwitterApiClientPlugin {
  constructor(
    private readonly apiUrl: string,
    private readonly uploadUrl: string,
    private readonly timeoutMs: number,
  ) {}

  onBeforeRequestConfig({ params }: ITwitterApiBeforeRequestConfigHookArgs): void {
    const url = new URL(params.url);
    if (url.pathname === '/1.1/media/upload.json') params.forceBodyMode ??= 'form-data';
    if (url.origin === LIBRARY_API_ORIGIN) params.url = `${trimSlash(this.apiUrl)}${url.pathname}${url.search}`;
    if (url.origin === LIBRARY_UPLOAD_ORIGIN) params.url = `${trimSlash(this.uploadUrl)}${url.pathname}${url.search}`;
    params.timeout ??= this.timeoutMs;
  }

  onAfterRequest({ params, response }: ITwitterApiAfterRequestHookArgs): TwitterApiPluginResponseOverride | void {
    const data: unknown = response.data;
    if (new URL(params.url).pathname.startsWith('/oauth/') && typeof data === 'string') {
      const parsed: TwitterResponse<Record<string, string>> = {
        data: Object.fromEntries(new URLSearchParams(data)),
        headers: response.headers,
        rateLimit: response.rateLimit,
      };
      return new TwitterApiPluginResponseOverride(parsed);
    }
  }

  onRequestError({ error }: ITwitterApiRequestErrorHookArgs): void {
    throw new XTransportError(error.message, socketErrorOf(error));
  }

  /** generateAuthLink builds `https://api.x.com/oauth/authenticate?…` itself. */
  rewriteLink(link: string): string {
    const url = new URL(link);
    return url.origin === LIBRARY_API_ORIGIN ? `${trimSlash(this.apiUrl)}${url.pathname}${url.search}` : link;
  }
}

/**
 * The socket-level error behind twitter-api-v2's ApiRequestError (its `code` tells "never sent" from "lost").
 * 1.29.1's `requestError` getter reads a field that is never set; the error sits in the private `_options`.
 * (Its `requestEventDebugHandler` would also give it, but adds listeners to every pooled socket for good.)
 */
function socketErrorOf(error: unknown): unknown {
  const options = (error as { _options?: { error?: unknown } })._options;
  return options?.error ?? error;
}

export const TWEETS_PATH = '/2/tweets';

// A header signed ahead is used within this long (X accepts timestamps minutes off); an unused one is dropped.
const PRESIGNED_TTL_MS = 60_000;

/** An HTTP answer, whatever its status. */
export interface XRawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export class XClients {
  readonly plugin: XOriginPlugin;
  /** `path token` → Authorization headers signed ahead (each with its own nonce), oldest first. */
  private readonly presigned = new Map<string, { header: string; at: number }[]>();

  constructor(
    private readonly config: XConfig,
    private readonly timeoutMs: number,
    private readonly agent?: Agent,
  ) {
    this.plugin = new XOriginPlugin(config.apiUrl, config.uploadUrl, timeoutMs);
  }

  /**
   * POSTs a JSON body to X_API_URL + `path`, signed with the user's token: the one request a scheduled minute waits
   * on (creating a tweet), sent without the general client's per-request work (measured: about half the worker's
   * CPU per tweet). Any HTTP answer is returned; a request that got none throws XTransportError with the socket error.
   */
  /** `signal` cuts the request when it fires (the publishing lease's: `PublishInput.signal`). */
  postJson(path: string, accessToken: string, accessSecret: string, body: unknown, signal?: AbortSignal): Promise<XRawResponse> {
    const url = this.apiUrl(path);
    const payload = Buffer.from(JSON.stringify(body));
    const headers = {
      authorization: this.takePresigned(path, accessToken) ?? this.sign(url, accessToken, accessSecret),
      'content-type': 'application/json;charset=UTF-8',
      'content-length': String(payload.length),
    };
    const request = url.protocol === 'http:' ? http.request : https.request;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(new XTransportError(error.message, error));
      const req = request(url, { method: 'POST', headers, timeout: this.timeoutMs, signal, ...(this.agent && url.protocol === 'https:' ? { agent: this.agent } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`No answer from X within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', fail);
      req.end(payload);
    });
  }

  /**
   * Signs a `postJson` to `path` for this token now, to be used by the next such call within a minute: the JSON
   * body is not part of an OAuth 1.0a signature, so the header can be made before the post is known to be due.
   */
  presign(path: string, accessToken: string, accessSecret: string): void {
    const now = Date.now();
    for (const [key, headers] of this.presigned) {
      const fresh = headers.filter((h) => now - h.at < PRESIGNED_TTL_MS);
      if (fresh.length === 0) this.presigned.delete(key);
      else if (fresh.length < headers.length) this.presigned.set(key, fresh);
    }
    const key = `${path} ${accessToken}`;
    const headers = this.presigned.get(key) ?? [];
    headers.push({ header: this.sign(this.apiUrl(path), accessToken, accessSecret), at: now });
    this.presigned.set(key, headers);
  }

  /** A `postJson` to `path` will be sent at `at`: an agent that can open its connection ahead is told so. */
  expect(path: string, at: Date): void {
    if (isExpectingAgent(this.agent)) this.agent.expect(this.apiUrl(path), at);
  }

  private takePresigned(path: string, accessToken: string): string | undefined {
    const key = `${path} ${accessToken}`;
    const headers = this.presigned.get(key);
    const now = Date.now();
    let entry = headers?.shift();
    while (entry && now - entry.at >= PRESIGNED_TTL_MS) entry = headers?.shift();
    if (headers?.length === 0) this.presigned.delete(key);
    return entry?.header;
  }

  private sign(url: URL, accessToken: string, accessSecret: string): string {
    return oauth1Authorization('POST', url, { consumerKey: this.config.apiKey, consumerSecret: this.config.apiSecret, token: accessToken, tokenSecret: accessSecret });
  }

  private apiUrl(path: string): URL {
    return new URL(`${trimSlash(this.config.apiUrl)}${path}`);
  }

  /** Consumer key and secret only: request tokens, credential checks. */
  app(): TwitterApi {
    return new TwitterApi({ appKey: this.config.apiKey, appSecret: this.config.apiSecret }, this.settings());
  }

  /** Signed with a user's token (or, during login, with the request token). */
  user(accessToken: string, accessSecret: string): TwitterApi {
    return new TwitterApi(
      { appKey: this.config.apiKey, appSecret: this.config.apiSecret, accessToken, accessSecret },
      this.settings(),
    );
  }

  private settings(): { plugins: ITwitterApiClientPlugin[]; httpAgent?: Agent } {
    return this.agent ? { plugins: [this.plugin], httpAgent: this.agent } : { plugins: [this.plugin] };
  }
}
