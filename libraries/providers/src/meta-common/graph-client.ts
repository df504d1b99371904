import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { ProviderIdentifier } from '../contracts/provider.types';
import { parseJsonOrText, transportError } from '../common/network-errors';
import { classifyGraphError } from './graph.errors';

export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

export interface GraphRequest<T> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL (host + version + path). */
  url: string;
  query?: QueryParams;
  /** POST bodies go as JSON, which both Graph hosts accept (docs/platforms.md D). */
  body?: Readonly<Record<string, unknown>>;
  /** multipart/form-data body (api.instagram.com token exchange, as Meta's docs send it). */
  form?: Readonly<Record<string, string>>;
  /** Sent as `Authorization: Bearer` (or `OAuth`), so tokens never appear in URLs. */
  token?: string;
  /** rupload.facebook.com documents `Authorization: OAuth <token>`. */
  authScheme?: 'Bearer' | 'OAuth';
  /** Extra request headers (rupload's `file_url`). */
  headers?: Readonly<Record<string, string>>;
  schema: z.ZodType<T>;
  /** The request creates something: a lost or 5xx answer means the outcome is unknown. */
  sideEffect?: boolean;
  /** The permissions Meta's reference says the call needs: named in a permission error. */
  needs?: readonly string[];
  /**
   * The publishing lease's signal (`PublishInput.signal`), honoured by requests with `sideEffect` only: such a
   * request does not start once it is aborted (its reason is thrown as is) and is cut when it fires.
   */
  signal?: AbortSignal;
}

export interface GraphClientOptions {
  provider: ProviderIdentifier;
  http: AxiosInstance;
  timeoutMs: number;
  refreshable: boolean;
  now: () => Date;
  /** The permissions the provider asks for at connect (a reconnect can grant only these). */
  grantable?: readonly string[];
}

/** The only place that speaks HTTP to Meta: every answer is parsed by a schema or classified. */
export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  get provider(): ProviderIdentifier {
    return this.options.provider;
  }

  async request<T>(request: GraphRequest<T>): Promise<T> {
    const sideEffect = request.sideEffect ?? false;
    const response = await this.send(request, sideEffect);
    const body = parseJsonOrText(response.data);
    if (response.status >= 400) {
      throw classifyGraphError({
        provider: this.options.provider,
        status: response.status,
        body,
        headers: response.headers,
        sideEffect,
        refreshable: this.options.refreshable,
        now: this.options.now(),
        needs: request.needs,
        grantable: this.options.grantable,
      });
    }
    const parsed = request.schema.safeParse(body);
    if (!parsed.success) {
      // A 2xx we cannot read: for a write the platform probably acted, so the outcome is unknown.
      throw new ProviderError(
        sideEffect ? 'unknown_outcome' : 'platform_error',
        this.options.provider,
        `Unexpected response from ${new URL(request.url).pathname}`,
        { platform: { httpStatus: response.status }, cause: parsed.error },
      );
    }
    return parsed.data;
  }

  private async send<T>(request: GraphRequest<T>, sideEffect: boolean): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.token) headers.Authorization = `${request.authScheme ?? 'Bearer'} ${request.token}`;
    let data: string | FormData | undefined;
    if (request.form) {
      const form = new FormData();
      for (const [key, value] of Object.entries(request.form)) form.append(key, value);
      data = form;
    } else if (request.body) {
      headers['Content-Type'] = 'application/json';
      data = JSON.stringify(request.body);
    }
    const signal = sideEffect ? request.signal : undefined;
    signal?.throwIfAborted();
    try {
      return await this.options.http.request<string>({
        method: request.method,
        url: request.url,
        signal,
        params: request.query ? definedOnly(request.query) : undefined,
        data,
        headers,
        timeout: this.options.timeoutMs,
        responseType: 'text',
        transformResponse: [(raw: unknown) => raw],
        validateStatus: () => true,
        maxRedirects: 0,
      });
    } catch (error: unknown) {
      throw transportError(error, { provider: this.options.provider, sideEffect, now: this.options.now });
    }
  }
}

function definedOnly(query: QueryParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}

/** `${graphUrl}/${version}` without doubled slashes. */
export function graphBase(graphUrl: string, version: string): string {
  return `${graphUrl.replace(/\/+$/, '')}/${version.replace(/^\/+|\/+$/g, '')}`;
}
