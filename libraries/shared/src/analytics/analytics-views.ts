// The dashboard's analytics answers (docs/api-additions.md#analytics): built by core's AnalyticsQueries, drawn by
// the dashboard's Analytics page; one shape for both.

/** One metric of a channel over the period asked. */
export interface MetricSeries {
  metric: string;
  label: string;
  points: { date: string; value: number }[];
  /** The last value of the period. */
  latest: number;
  /** Percent change from the first to the last value of the period (0 when the first is 0 and the last too). */
  change: number;
}

/** GET /analytics/channels/:id. */
export interface ChannelOverview {
  days: number;
  collectedAt: string | null;
  metrics: MetricSeries[];
  topPosts: { id: string; content: string; url: string | null; publishedAt: string | null; metrics: Record<string, number> }[];
  rankedBy: string;
}

/** GET /analytics/posts/:id. */
export interface PostFigures {
  missing?: true;
  collectedAt: string | null;
  metrics: { metric: string; label: string; value: number }[];
}
