import { isProviderIdentifier, PROVIDER_METADATA } from '@herald/providers';

/** Names people read for the platforms' metric names (docs/analytics.md, "Metrics"). */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  impression_count: 'Impressions',
  like_count: 'Likes',
  retweet_count: 'Reposts',
  reply_count: 'Replies',
  quote_count: 'Quotes',
  bookmark_count: 'Bookmarks',
  followers_count: 'Followers',
  following_count: 'Following',
  follows_count: 'Following',
  tweet_count: 'Posts',
  media_count: 'Posts',
  listed_count: 'Listed',
  views: 'Views',
  reach: 'Reach',
  likes: 'Likes',
  comments: 'Comments',
  saved: 'Saves',
  shares: 'Shares',
  total_interactions: 'Interactions',
  accounts_engaged: 'Accounts engaged',
  reactions: 'Reactions',
  page_follows: 'Page follows',
  page_post_engagements: 'Post engagements',
  page_views_total: 'Page views',
  page_media_view: 'Media views',
};

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The metric top posts are ranked by: the platform's provider names it (`ProviderMetadata.headlineMetric`). */
export function headlineMetric(providerIdentifier: string): string {
  return isProviderIdentifier(providerIdentifier) ? PROVIDER_METADATA[providerIdentifier].headlineMetric : 'views';
}
