import type { BackendConfig } from '@herald/config';
import type { ProviderRegistry } from '@herald/providers';
import { type Check, fail, skip } from '../check';
import { type AppContext, describeCredentials, type PlatformApp } from '../credential-fixes';

interface AppDefinition {
  app: PlatformApp;
  name: string;
  /** What the app lets people connect. */
  serves: string;
  env: readonly [string, string];
  docs: string;
  apiUrl: (config: BackendConfig) => string;
  appId: (config: BackendConfig) => string | undefined;
}

export const PLATFORM_APPS: readonly AppDefinition[] = [
  {
    app: 'x',
    name: 'X app',
    serves: 'X',
    env: ['X_API_KEY', 'X_API_SECRET'],
    docs: 'docs/credentials.md#x',
    apiUrl: (c) => c.platformUrls.xApi,
    appId: () => undefined,
  },
  {
    app: 'facebook',
    name: 'Facebook app',
    serves: 'Facebook Pages and Instagram via Facebook',
    env: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    docs: 'docs/credentials.md#facebook-app',
    apiUrl: (c) => c.platformUrls.facebookGraph,
    appId: (c) => c.credentials.facebook?.appId,
  },
  {
    app: 'instagram-standalone',
    name: 'Instagram app',
    serves: 'Instagram (Standalone)',
    env: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
    docs: 'docs/credentials.md#instagram-login',
    apiUrl: (c) => c.platformUrls.instagramApi,
    appId: (c) => c.credentials.instagram?.appId,
  },
];

const isSet = (env: Readonly<Record<string, string | undefined>>, name: string) => (env[name] ?? '').trim() !== '';

function notConfigured(def: AppDefinition, env: Readonly<Record<string, string | undefined>>): Check {
  const [first, second] = def.env;
  return {
    name: def.name,
    run: () => {
      const set = def.env.filter((name) => isSet(env, name));
      if (set.length === 1) {
        const missing = set[0] === first ? second : first;
        return Promise.resolve(fail(`${set[0]} is set but ${missing} is not, so ${def.serves} stays off`, `Set ${missing} as well (see ${def.docs}), or remove ${set[0]}.`));
      }
      return Promise.resolve(skip(`not configured: set ${first} and ${second} to offer ${def.serves} (see ${def.docs})`));
    },
  };
}

/** One line per platform app: configured apps are asked whether their keys and callbacks work. */
export function platformChecks(config: BackendConfig, env: Readonly<Record<string, string | undefined>>, registry: () => ProviderRegistry): Check[] {
  return PLATFORM_APPS.map((def) => {
    if (!registry().isConfigured(def.app)) return notConfigured(def, env);
    const appId = def.appId(config);
    const ctx: AppContext = { frontendUrl: config.frontendUrl, backendPublicUrl: config.backendPublicUrl, apiUrl: def.apiUrl(config), ...(appId ? { appId } : {}) };
    return {
      name: def.name,
      run: async () => describeCredentials(def.app, await registry().require(def.app).checkCredentials(), ctx),
    };
  });
}
