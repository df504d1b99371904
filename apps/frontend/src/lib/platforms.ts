import { isPlatformIdentifier, PLATFORMS } from '@herald/shared';

// Names and required variables come from the shared catalogue; only the one-line description is dashboard copy.

export interface PlatformInfo {
  name: string;
  /** What a person needs to set on the server before the platform can be connected. */
  envVars: readonly string[];
  /** A short description of which account the connection creates. */
  blurb: string;
  /** The section of the setup guide (/help/credentials) for this platform. */
  guideAnchor: string;
}

const GUIDE_ANCHORS: Record<keyof typeof PLATFORMS, string> = {
  x: '2-x',
  instagram: '3-facebook-app-facebook-pages-and-instagram-via-facebook',
  'instagram-standalone': '4-instagram-login-instagram-standalone',
  facebook: '3-facebook-app-facebook-pages-and-instagram-via-facebook',
};

const BLURBS: Record<keyof typeof PLATFORMS, string> = {
  x: 'Post and thread on an X account.',
  instagram: 'An Instagram business account linked to a Facebook Page.',
  'instagram-standalone': 'An Instagram professional account, with Instagram Login.',
  facebook: 'Publish to a Facebook Page.',
};

export function platformInfo(identifier: string): PlatformInfo {
  if (!isPlatformIdentifier(identifier)) return { name: identifier, envVars: [], blurb: '', guideAnchor: '' };
  const platform = PLATFORMS[identifier];
  return { name: platform.name, envVars: platform.envVars, blurb: BLURBS[identifier], guideAnchor: GUIDE_ANCHORS[identifier] };
}

export function platformName(identifier: string): string {
  return platformInfo(identifier).name;
}

const SHORT: Record<keyof typeof PLATFORMS, string> = { x: 'X', instagram: 'Instagram', 'instagram-standalone': 'Instagram', facebook: 'Facebook' };

/** "X", "Instagram", "Facebook": to tell apart two channels with the same account name. */
export function platformShortName(identifier: string): string {
  return isPlatformIdentifier(identifier) ? SHORT[identifier] : identifier;
}
