import { PLATFORMS } from '@herald/shared';
import type { ProviderIdentifier } from './provider.types';

export interface ProviderMetadata {
  identifier: ProviderIdentifier;
  name: string;
  /** The connection needs a second step (pick a Page) before it can publish. */
  isBetweenSteps: boolean;
  /** Env vars that must be set for the provider to be configured. */
  requiredEnv: readonly string[];
  scopes: readonly string[];
  /** `permanent`: never expires; `refreshable`: call `refresh` before `expiresAt`; `reconnect`: expires, person reconnects. */
  tokenLifetime: 'permanent' | 'refreshable' | 'reconnect';
  /**
   * The image MIME types the platform takes, where it takes fewer than Herald's library holds (Instagram fetches JPEG
   * only). Absent: every type the platform rules allow. A library PNG or WebP gets a JPEG copy for such a platform.
   */
  imageTypes?: readonly string[];
  /** The post metric top posts are ranked by (one of the metrics its analytics reader returns). */
  headlineMetric: string;
}

export const X_SCOPES: readonly string[] = [];

export const INSTAGRAM_STANDALONE_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
] as const;

export const INSTAGRAM_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
  'instagram_manage_comments',
  'instagram_manage_insights',
] as const;

/** pages_manage_engagement: a first comment is posted as the Page (Page Comments reference). */
export const FACEBOOK_SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'pages_manage_engagement', 'business_management'] as const;

/** Asked for but not required: without it a Page's analytics have its counts and no Page Insights (docs/analytics.md). */
export const FACEBOOK_OPTIONAL_SCOPES = ['read_insights'] as const;

/**
 * The platform's name, second step and env variables come from the catalogue (`@herald/shared` PLATFORMS), the one
 * source for them; the scopes and token lifetime are the provider's own knowledge.
 */
function metadata(
  identifier: ProviderIdentifier,
  scopes: readonly string[],
  tokenLifetime: ProviderMetadata['tokenLifetime'],
  own: Pick<ProviderMetadata, 'imageTypes' | 'headlineMetric'>,
): ProviderMetadata {
  const platform = PLATFORMS[identifier];
  return { identifier, name: platform.name, isBetweenSteps: platform.isBetweenSteps, requiredEnv: platform.envVars, scopes, tokenLifetime, ...own };
}

/** Instagram's image containers take JPEG only (docs/platforms.md). */
const INSTAGRAM_IMAGE_TYPES = ['image/jpeg'] as const;

/** Display data only: no behaviour lives here, so the catalogue can be shown without configuring anything. */
export const PROVIDER_METADATA: Readonly<Record<ProviderIdentifier, ProviderMetadata>> = {
  x: metadata('x', X_SCOPES, 'permanent', { headlineMetric: 'impression_count' }),
  instagram: metadata('instagram', INSTAGRAM_SCOPES, 'permanent', { imageTypes: INSTAGRAM_IMAGE_TYPES, headlineMetric: 'views' }),
  'instagram-standalone': metadata('instagram-standalone', INSTAGRAM_STANDALONE_SCOPES, 'refreshable', { imageTypes: INSTAGRAM_IMAGE_TYPES, headlineMetric: 'views' }),
  facebook: metadata('facebook', FACEBOOK_SCOPES, 'permanent', { headlineMetric: 'reactions' }),
};
