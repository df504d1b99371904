// Display metadata per provider. Kept as data so it can be replaced by the catalogue in @herald/shared.

export interface PlatformInfo {
  name: string;
  /** What a person needs to set on the server before the platform can be connected. */
  envVars: readonly string[];
  /** A short description of which account the connection creates. */
  blurb: string;
}

const PLATFORMS: Record<string, PlatformInfo> = {
  x: { name: 'X', envVars: ['X_API_KEY', 'X_API_SECRET'], blurb: 'Post and thread on an X account.' },
  instagram: {
    name: 'Instagram (via Facebook)',
    envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    blurb: 'An Instagram business account linked to a Facebook Page.',
  },
  'instagram-standalone': {
    name: 'Instagram',
    envVars: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
    blurb: 'An Instagram professional account, with Instagram Login.',
  },
  facebook: { name: 'Facebook Page', envVars: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'], blurb: 'Publish to a Facebook Page.' },
};

export function platformInfo(identifier: string): PlatformInfo {
  return PLATFORMS[identifier] ?? { name: identifier, envVars: [], blurb: '' };
}

export function platformName(identifier: string): string {
  return platformInfo(identifier).name;
}
