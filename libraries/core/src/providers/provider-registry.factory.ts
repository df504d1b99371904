import type { CoreConfig } from '@herald/config';
import { createProviders, type ProviderDeps, type ProviderRegistry, type ProvidersConfig } from '@herald/providers';
import axios, { type AxiosInstance } from 'axios';

/** Maps Herald's typed config onto the providers' constructor config: the only place that does. */
export function providersConfigFrom(config: CoreConfig): ProvidersConfig {
  const { platformUrls: urls, credentials } = config;
  return {
    frontendUrl: config.frontendUrl,
    graphVersion: urls.facebookGraphVersion,
    requestTimeoutMs: config.platformTimeoutMs,
    x: credentials.x && { apiKey: credentials.x.apiKey, apiSecret: credentials.x.apiSecret, apiUrl: urls.xApi, uploadUrl: urls.xUpload },
    instagramStandalone: credentials.instagram && {
      appId: credentials.instagram.appId,
      appSecret: credentials.instagram.appSecret,
      authorizeUrl: urls.instagramAuthorize,
      apiUrl: urls.instagramApi,
      graphUrl: urls.instagramGraph,
    },
    facebook: credentials.facebook && {
      appId: credentials.facebook.appId,
      appSecret: credentials.facebook.appSecret,
      url: urls.facebook,
      graphUrl: urls.facebookGraph,
      ruploadUrl: urls.facebookRupload,
    },
  };
}

/**
 * The providers' HTTP client, made on its first use: axios (with form-data and mime-db, about 4 MB of heap) is then
 * never loaded by a process that calls no platform, such as a cron whose channels need no token refreshed
 * (bench/README.md, "Idle memory").
 */
export function lazyHttp(create: () => AxiosInstance): AxiosInstance {
  let instance: AxiosInstance | undefined;
  const real = () => (instance ??= create());
  // An axios instance is a function with methods: the target is an arrow function so both calls and properties pass.
  return new Proxy((() => undefined) as unknown as AxiosInstance, {
    get: (_target, key) => Reflect.get(real(), key) as unknown,
    apply: (_target, thisArg, args: unknown[]) => Reflect.apply(real(), thisArg, args) as unknown,
  });
}

export function createProviderRegistry(config: CoreConfig, deps: Partial<ProviderDeps> = {}): ProviderRegistry {
  const http = deps.http ?? lazyHttp(() => axios.create({ timeout: config.platformTimeoutMs, maxRedirects: 0, validateStatus: () => true }));
  return createProviders(providersConfigFrom(config), { ...deps, http });
}
