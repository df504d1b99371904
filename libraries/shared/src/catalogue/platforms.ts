import { FACEBOOK_LIMITS, INSTAGRAM_LIMITS, X_LIMITS, type FacebookLimits, type InstagramLimits, type XLimits } from './platform-limits';

export const PLATFORM_IDENTIFIERS = ['x', 'instagram', 'instagram-standalone', 'facebook'] as const;
export type PlatformIdentifier = (typeof PLATFORM_IDENTIFIERS)[number];

/** Platforms that share publishing rules: both Instagram connections publish through the same content API. */
export type PlatformFamily = 'x' | 'instagram' | 'facebook';

interface PlatformBase<I extends PlatformIdentifier, F extends PlatformFamily, L> {
  readonly identifier: I;
  readonly name: string;
  readonly family: F;
  /** The connection stops after OAuth until the person picks a Page (`inBetweenSteps`). */
  readonly isBetweenSteps: boolean;
  /** Every variable must be set for the platform to count as configured. */
  readonly envVars: readonly string[];
  readonly limits: L;
}

export type XPlatform = PlatformBase<'x', 'x', XLimits>;
export type InstagramPlatform = PlatformBase<'instagram' | 'instagram-standalone', 'instagram', InstagramLimits>;
export type FacebookPlatform = PlatformBase<'facebook', 'facebook', FacebookLimits>;
export type PlatformDefinition = XPlatform | InstagramPlatform | FacebookPlatform;

export const PLATFORMS = {
  x: {
    identifier: 'x',
    name: 'X',
    family: 'x',
    isBetweenSteps: false,
    envVars: ['X_API_KEY', 'X_API_SECRET'],
    limits: X_LIMITS,
  },
  instagram: {
    identifier: 'instagram',
    name: 'Instagram (Facebook Business)',
    family: 'instagram',
    isBetweenSteps: true,
    // Instagram through a Facebook Page signs in with the Facebook Login app.
    envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    limits: INSTAGRAM_LIMITS,
  },
  'instagram-standalone': {
    identifier: 'instagram-standalone',
    name: 'Instagram (Standalone)',
    family: 'instagram',
    isBetweenSteps: false,
    envVars: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
    limits: INSTAGRAM_LIMITS,
  },
  facebook: {
    identifier: 'facebook',
    name: 'Facebook Page',
    family: 'facebook',
    isBetweenSteps: true,
    envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    limits: FACEBOOK_LIMITS,
  },
} as const satisfies { readonly [I in PlatformIdentifier]: PlatformDefinition & { readonly identifier: I } };

export type Platforms = typeof PLATFORMS;

/** In catalogue order, for menus and `GET /integrations`. */
export const PLATFORM_LIST: readonly PlatformDefinition[] = PLATFORM_IDENTIFIERS.map((id) => PLATFORMS[id]);

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
