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

/** Display data only: no behaviour lives here, so the catalogue can be shown without configuring anything. */
export const PROVIDER_METADATA: Readonly<Record<ProviderIdentifier, ProviderMetadata>> = {
  x: {
    identifier: 'x',
    name: 'X',
    isBetweenSteps: false,
    requiredEnv: ['X_API_KEY', 'X_API_SECRET'],
    scopes: X_SCOPES,
    tokenLifetime: 'permanent',
  },
  instagram: {
    identifier: 'instagram',
    name: 'Instagram (Facebook Business)',
    isBetweenSteps: true,
    requiredEnv: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    scopes: INSTAGRAM_SCOPES,
    tokenLifetime: 'permanent',
  },
  'instagram-standalone': {
    identifier: 'instagram-standalone',
    name: 'Instagram (Standalone)',
    isBetweenSteps: false,
    requiredEnv: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
    scopes: INSTAGRAM_STANDALONE_SCOPES,
    tokenLifetime: 'refreshable',
  },
  facebook: {
    identifier: 'facebook',
    name: 'Facebook Page',
    isBetweenSteps: true,
    requiredEnv: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
    scopes: FACEBOOK_SCOPES,
    tokenLifetime: 'permanent',
  },
};
