import type { CoreConfig } from '@herald/config';
import { createProviders, type ProviderDeps, type ProviderRegistry, type ProvidersConfig } from '@herald/providers';
import axios from 'axios';

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

export function createProviderRegistry(config: CoreConfig, deps: Partial<ProviderDeps> = {}): ProviderRegistry {
  const http = deps.http ?? axios.create({ timeout: config.platformTimeoutMs, maxRedirects: 0, validateStatus: () => true });
  return createProviders(providersConfigFrom(config), { ...deps, http });
}
