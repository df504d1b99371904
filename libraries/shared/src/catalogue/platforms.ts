import { FACEBOOK_LIMITS, INSTAGRAM_LIMITS, X_LIMITS, type FacebookLimits, type InstagramLimits, type XLimits } from './platform-limits';

export const PLATFORM_IDENTIFIERS = ['x', 'instagram', 'instagram-standalone', 'facebook'] as const;
export type PlatformIdentifier = (typeof PLATFORM_IDENTIFIERS)[number];

/** Platforms that share publishing rules: both Instagram connections publish through the same content API. */
export type PlatformFamily = 'x' | 'instagram' | 'facebook';

/**
 * Access that is one grant per person and platform app (Meta): revoking it, or the person removing the app, ends
 * every channel it gave. `by` says which id names the grant on a channel: the signed-in user who granted it
 * (`rootInternalId`, a Facebook user for each of their Pages) or the account itself (`internalId`).
 * docs/platforms.md, "Meta permissions and revocation".
 */
export interface AppGrant {
  readonly app: 'facebook' | 'instagram';
  readonly by: 'root' | 'account';
}

interface PlatformBase<I extends PlatformIdentifier, F extends PlatformFamily, L> {
  readonly identifier: I;
  readonly name: string;
  /** The platform's own name, as people say it ("Instagram" for both Instagram connections). */
  readonly brand: string;
  readonly family: F;
  /** The connection stops after OAuth until the person picks a Page (`inBetweenSteps`). */
  readonly isBetweenSteps: boolean;
  /** Every variable must be set for the platform to count as configured. */
  readonly envVars: readonly string[];
  readonly limits: L;
  /** Absent when each channel's access stands alone (X: one token per connection). */
  readonly appGrant?: AppGrant;
}

export type XPlatform = PlatformBase<'x', 'x', XLimits>;
export type InstagramPlatform = PlatformBase<'instagram' | 'instagram-standalone', 'instagram', InstagramLimits>;
export type FacebookPlatform = PlatformBase<'facebook', 'facebook', FacebookLimits>;
export type PlatformDefinition = XPlatform | InstagramPlatform | FacebookPlatform;

export const PLATFORMS = {
  x: {
    identifier: 'x',
    name: 'X',
    brand: 'X',
    family: 'x',
    isBetweenSteps: false,
    envVars: ['X_API_KEY', 'X_API_SECRET'],
    limits: X_LIMITS,
  },
  instagram: {
    identifier: 'instagram',
    name: 'Instagram (Facebook Business)',
    brand: 'Instagram',
    family: 'instagram',
    isBetweenSteps: true,
    // Instagram through a Facebook Page signs in with the Facebook Login app.
    envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    limits: INSTAGRAM_LIMITS,
    appGrant: { app: 'facebook', by: 'root' },
  },
  'instagram-standalone': {
    identifier: 'instagram-standalone',
    name: 'Instagram (Standalone)',
    brand: 'Instagram',
    family: 'instagram',
    isBetweenSteps: false,
    envVars: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
    limits: INSTAGRAM_LIMITS,
    appGrant: { app: 'instagram', by: 'account' },
  },
  facebook: {
    identifier: 'facebook',
    name: 'Facebook Page',
    brand: 'Facebook',
    family: 'facebook',
    isBetweenSteps: true,
    envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    limits: FACEBOOK_LIMITS,
    appGrant: { app: 'facebook', by: 'root' },
  },
} as const satisfies { readonly [I in PlatformIdentifier]: PlatformDefinition & { readonly identifier: I } };

export type Platforms = typeof PLATFORMS;

/** In catalogue order, for menus and `GET /integrations`. */
export const PLATFORM_LIST: readonly PlatformDefinition[] = PLATFORM_IDENTIFIERS.map((id) => PLATFORMS[id]);

/** The platform grant a channel's access belongs to, when it is shared (`appGrant`); undefined for any other value. */
export function appGrantOf(identifier: string): AppGrant | undefined {
  return isPlatformIdentifier(identifier) ? (PLATFORMS[identifier] as PlatformDefinition).appGrant : undefined;
}

/** The platform's own name for a stored identifier ("Instagram" for both connections); the value itself otherwise. */
export function platformBrand(identifier: string): string {
  return isPlatformIdentifier(identifier) ? PLATFORMS[identifier].brand : identifier;
}

/** The channels one grant of a platform app may have given: which platforms, and which id names the grant on them. */
export function grantedThrough(app: AppGrant['app']): { identifiers: PlatformIdentifier[]; by: AppGrant['by'] } | undefined {
  const platforms = PLATFORM_LIST.filter((p) => p.appGrant?.app === app);
  const first = platforms[0]?.appGrant;
  return first ? { identifiers: platforms.map((p) => p.identifier), by: first.by } : undefined;
}

export function isPlatformIdentifier(value: unknown): value is PlatformIdentifier {
  return typeof value === 'string' && (PLATFORM_IDENTIFIERS as readonly string[]).includes(value);
}

export function getPlatform<I extends PlatformIdentifier>(identifier: I): Platforms[I] {
  return PLATFORMS[identifier];
}

/** Variables (from `platform.envVars`) that are missing or blank; the caller passes the env, this module never reads it. */
export function missingPlatformEnv(identifier: PlatformIdentifier, env: Readonly<Record<string, string | undefined>>): string[] {
  return PLATFORMS[identifier].envVars.filter((name) => (env[name] ?? '').trim() === '');
}

export function isPlatformConfigured(identifier: PlatformIdentifier, env: Readonly<Record<string, string | undefined>>): boolean {
  return missingPlatformEnv(identifier, env).length === 0;
}

/** One entry of `GET /integrations` (the catalogue, not the connected channels). */
export interface PlatformCatalogueItem {
  identifier: PlatformIdentifier;
  name: string;
  configured: boolean;
  isBetweenSteps: boolean;
}

export function platformCatalogue(env: Readonly<Record<string, string | undefined>>): PlatformCatalogueItem[] {
  return PLATFORM_LIST.map((p) => ({
    identifier: p.identifier,
    name: p.name,
    configured: isPlatformConfigured(p.identifier, env),
    isBetweenSteps: p.isBetweenSteps,
  }));
}
