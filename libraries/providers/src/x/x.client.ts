import type { Agent } from 'node:https';
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

/** The origins twitter-api-v2 hard-codes (platforms.md A.1). */
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
 * Points twitter-api-v2 at X_API_URL / X_UPLOAD_URL (api.md). It rewrites the origin in
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

export class XClients {
  readonly plugin: XOriginPlugin;

  constructor(
    private readonly config: XConfig,
    timeoutMs: number,
    private readonly agent?: Agent,
  ) {
    this.plugin = new XOriginPlugin(config.apiUrl, config.uploadUrl, timeoutMs);
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
