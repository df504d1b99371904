'use client';

import { useState } from 'react';
import { useIntegrations } from '../../hooks/use-integrations';
import type { ChannelAnalytics } from '../../lib/api-types';
import { platformShortName } from '../../lib/platforms';
import { useResource } from '../../lib/resource-store';
import { LoadError } from '../ui/alert';
import { EmptyState } from '../ui/empty-state';
import { PageHeader } from '../ui/page-header';
import { LoadingBlock } from '../ui/spinner';
import { MetricChart } from './metric-chart';
import styles from './analytics.module.css';

const PERIODS = [7, 30, 90] as const;
const ANALYTICS_PLATFORMS = ['x', 'instagram', 'instagram-standalone', 'facebook'];
const number = new Intl.NumberFormat();

function plainText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();
}

function Change({ value }: { value: number }) {
  const tone = value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  const sign = value > 0 ? '+' : '';
  return (
    <span className={styles.change} data-tone={tone}>
      {sign}
      {value}%
    </span>
  );
}

/** The Analytics page: a channel, a period, a chart per metric with its change, and the period's best posts. */
export function AnalyticsView() {
  const { channels, error: channelsError, isLoading: channelsLoading, reload: reloadChannels } = useIntegrations();
  const usable = (channels ?? []).filter((c) => ANALYTICS_PLATFORMS.includes(c.identifier) && !c.inBetweenSteps);
  const [picked, setChannelId] = useState<string | null>(null);
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // The first channel until one is picked (or when the picked one is gone).
  const channelId = usable.some((c) => c.id === picked) ? picked : (usable[0]?.id ?? null);

  const path = channelId ? `/analytics/channels/${encodeURIComponent(channelId)}?days=${days}` : null;
  const { data, error, isLoading, reload } = useResource<ChannelAnalytics>(path);
  const channel = usable.find((c) => c.id === channelId);

  const controls = (
    <div className={styles.controls}>
      <label>
        <span className="visually-hidden">Channel</span>
        <select value={channelId ?? ''} onChange={(event) => setChannelId(event.target.value)} aria-label="Channel" disabled={usable.length === 0}>
          {usable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({platformShortName(c.identifier)})
            </option>
          ))}
        </select>
      </label>
      <div className={styles.periods} role="group" aria-label="Period">
        {PERIODS.map((p) => (
          <button key={p} type="button" className="btn btn-sm" aria-pressed={days === p} onClick={() => setDays(p)}>
            {p} days
          </button>
        ))}
      </div>
    </div>
  );

  let body;
  if (channelsError) body = <LoadError message={channelsError.message} onRetry={() => void reloadChannels()} />;
  else if (channelsLoading && !channels) body = <LoadingBlock label="Loading channels…" />;
  else if (usable.length === 0) body = <EmptyState title="No channel to measure yet">Connect an X, Instagram or Facebook channel: its figures show here once it has published.</EmptyState>;
  else if (error) body = <LoadError message={error.message} onRetry={() => void reload()} />;
  else if (!data || isLoading) body = <LoadingBlock label="Loading figures…" />;
  else
    body = (
      <>
        <p className="muted">
          {data.collectedAt ? `Figures from ${platformShortName(channel?.identifier ?? '')}, last read ${new Date(data.collectedAt).toLocaleString()}.` : 'No figures read yet for this channel.'}
        </p>
        {data.metrics.length === 0 ? (
          <EmptyState title="No figures yet">The channel&apos;s figures are read once a day, and a post&apos;s one hour after it is published.</EmptyState>
        ) : (
          <div className={styles.grid}>
            {data.metrics.map((series) => (
              <section key={series.metric} className={styles.card} aria-label={series.label}>
                <header>
                  <h2>{series.label}</h2>
                  <strong>{number.format(series.latest)}</strong>
                  <Change value={series.change} />
                </header>
                <MetricChart series={series} days={data.days} />
              </section>
            ))}
          </div>
        )}
        <section className={styles.top} aria-label="Top posts">
          <h2>Top posts of the last {data.days} days</h2>
          {data.topPosts.length === 0 ? (
            <p className="muted">No post published in this period.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col">Published</th>
                  {topColumns(data).map((m) => (
                    <th key={m.metric} scope="col" className={styles.num}>
                      {m.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.topPosts.map((post) => (
                  <tr key={post.id}>
                    <td className={styles.postCell}>{post.url ? <a href={post.url} target="_blank" rel="noreferrer">{plainText(post.content) || '(no text)'}</a> : plainText(post.content) || '(no text)'}</td>
                    <td>{post.publishedAt ? new Date(post.publishedAt).toLocaleDateString() : ''}</td>
                    {topColumns(data).map((m) => (
                      <td key={m.metric} className={styles.num}>
                        {post.metrics[m.metric] === undefined ? '–' : number.format(post.metrics[m.metric] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </>
    );

  return (
    <div className={styles.page}>
      <PageHeader title="Analytics" description="How each channel and its posts are doing, from the platforms' own figures." actions={controls} />
      {body}
    </div>
  );
}

const POST_COLUMNS: Record<string, string> = {
  impression_count: 'Impressions',
  like_count: 'Likes',
  retweet_count: 'Reposts',
  reply_count: 'Replies',
  views: 'Views',
  reach: 'Reach',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
  reactions: 'Reactions',
};

/** The columns of the top posts table: the metrics the posts have, in a fixed order, the ranking one first. */
function topColumns(data: ChannelAnalytics): { metric: string; label: string }[] {
  const present = new Set(data.topPosts.flatMap((p) => Object.keys(p.metrics)));
  const order = [data.rankedBy, ...Object.keys(POST_COLUMNS).filter((m) => m !== data.rankedBy)];
  return order.filter((m) => present.has(m)).slice(0, 5).map((metric) => ({ metric, label: POST_COLUMNS[metric] ?? metric }));
}
