import { resolveDeps, type ProviderDeps, type ProvidersConfig } from './contracts/provider-config';
import { ProviderRegistry } from './contracts/provider-registry';
import type { ProviderIdentifier, SocialProvider } from './contracts/provider.types';
import { FacebookProvider } from './facebook/facebook.provider';
import { InstagramStandaloneProvider } from './instagram-standalone/instagram-standalone.provider';
import { InstagramProvider } from './instagram/instagram.provider';
import { XProvider } from './x/x.provider';

/** Defaults for every platform URL (docs/http-api.md §2); the config library applies them when the env is unset. */
export const PLATFORM_DEFAULT_URLS = {
  X_API_URL: 'https://api.x.com',
  X_UPLOAD_URL: 'https://upload.x.com',
  INSTAGRAM_AUTHORIZE_URL: 'https://www.instagram.com',
  INSTAGRAM_API_URL: 'https://api.instagram.com',
  INSTAGRAM_GRAPH_URL: 'https://graph.instagram.com',
  FACEBOOK_URL: 'https://www.facebook.com',
  FACEBOOK_GRAPH_URL: 'https://graph.facebook.com',
  FACEBOOK_RUPLOAD_URL: 'https://rupload.facebook.com',
  FACEBOOK_GRAPH_VERSION: 'v23.0',
} as const;

/** Builds only the providers whose credentials are configured; one Facebook app serves `facebook` and `instagram`. */
export function createProviders(config: ProvidersConfig, deps: ProviderDeps): ProviderRegistry {
  const resolved = resolveDeps(deps);
  const providers: Partial<Record<ProviderIdentifier, SocialProvider>> = {};
  if (config.x) providers.x = new XProvider({ ...config, x: config.x }, resolved);
  if (config.instagramStandalone) {
    providers['instagram-standalone'] = new InstagramStandaloneProvider(
      { ...config, instagramStandalone: config.instagramStandalone },
      resolved,
    );
  }
  if (config.facebook) {
    providers.facebook = new FacebookProvider({ ...config, facebook: config.facebook }, resolved);
    providers.instagram = new InstagramProvider({ ...config, facebook: config.facebook }, resolved);
  }
  return new ProviderRegistry(providers);
}
