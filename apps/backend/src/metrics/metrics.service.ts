import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { formatHistogram, type HistogramSeries } from './histogram-text';
import {
  LATENESS_BUCKETS,
  LATENESS_LOOKBACK_DAYS,
  LATENESS_WINDOW_HOURS,
  type LatenessBuckets,
  type MetricsRepository,
  type PlatformCount,
  type PostCount,
  QUEUE_STATES,
  type QueueState,
} from './metrics.repository';

type Source = 'postgres' | 'redis';

/** A scrape must answer even when a dependency hangs (BullMQ waits for a Redis that never comes back). */
const SOURCE_TIMEOUT_MS = 2000;

async function settle<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SOURCE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Builds the Prometheus exposition on each scrape from Postgres and Redis. A dependency that is down leaves its
 * series out and sets `herald_metrics_source_up{source}` to 0 instead of failing the whole scrape.
 */
export class MetricsService {
  readonly contentType: string;
  private readonly registry = new Registry();
  private readonly sourceUp: Gauge<'source'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly posts: Gauge<'platform' | 'state'>;
  private readonly refreshNeeded: Gauge<'platform'>;
  private readonly refreshFailures: Gauge<'platform'>;
  private inflight: Promise<string> | undefined;

  constructor(private readonly repository: MetricsRepository) {
    const registers = [this.registry];
    this.contentType = this.registry.contentType;
    collectDefaultMetrics({ register: this.registry, prefix: 'herald_backend_' });
    this.sourceUp = new Gauge({ name: 'herald_metrics_source_up', help: 'Whether the last scrape could read this source (1) or not (0).', labelNames: ['source'], registers });
    this.queueJobs = new Gauge({
      name: 'herald_queue_jobs',
      help: 'Jobs in the BullMQ queue by state (shared across every workers replica).',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.posts = new Gauge({ name: 'herald_posts', help: 'Posts (not deleted) by platform and state: the publish outcomes.', labelNames: ['platform', 'state'], registers });
    this.refreshNeeded = new Gauge({
      name: 'herald_channels_refresh_needed',
      help: 'Channels that lost access and must be reconnected, by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.refreshFailures = new Gauge({
      name: 'herald_token_refresh_failures_24h',
      help: 'Token refresh failures (channel.refresh_needed notifications) in the last 24 hours, by platform.',
      labelNames: ['platform'],
      registers,
    });
  }

  /** Concurrent scrapes share one read of the database and Redis. */
  render(): Promise<string> {
    this.inflight ??= this.collect().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async collect(): Promise<string> {
    const [queue, posts, lateness, refreshNeeded, refreshFailures] = await Promise.all([
      settle(() => this.repository.queueDepth()),
      settle(() => this.repository.postsByPlatformAndState()),
      settle(() => this.repository.publishLateness()),
      settle(() => this.repository.channelsNeedingReconnect()),
      settle(() => this.repository.refreshFailuresLastDay()),
    ]);
    const postgresUp = posts !== undefined && lateness !== undefined && refreshNeeded !== undefined && refreshFailures !== undefined;
    this.setSource('postgres', postgresUp);
    this.setSource('redis', queue !== undefined);
    this.setQueue(queue);
    this.setPosts(posts);
    this.setByPlatform(this.refreshNeeded, refreshNeeded);
    this.setByPlatform(this.refreshFailures, refreshFailures);
    const text = await this.registry.metrics();
    return text + this.latenessText(lateness ?? []);
  }

  private setSource(source: Source, up: boolean): void {
    this.sourceUp.set({ source }, up ? 1 : 0);
  }

  private setQueue(depth: Record<QueueState, number> | undefined): void {
    this.queueJobs.reset();
    if (!depth) return;
    for (const state of QUEUE_STATES) this.queueJobs.set({ queue: 'publish', state }, depth[state]);
  }

  private setPosts(rows: PostCount[] | undefined): void {
    this.posts.reset();
    for (const row of rows ?? []) this.posts.set({ platform: row.platform, state: row.state }, row.count);
  }

  private setByPlatform(gauge: Gauge<'platform'>, rows: PlatformCount[] | undefined): void {
    gauge.reset();
    for (const row of rows ?? []) gauge.set({ platform: row.platform }, row.count);
  }

  private latenessText(rows: LatenessBuckets[]): string {
    const series: HistogramSeries[] = rows.map((r) => ({
      labels: { platform: r.platform },
      bounds: LATENESS_BUCKETS,
      cumulative: r.buckets,
      count: r.count,
      sum: r.sumSeconds,
    }));
    const help = `Seconds between a post's scheduled time and its publication, over posts published in the last ${LATENESS_WINDOW_HOURS} h (scheduled within ${LATENESS_LOOKBACK_DAYS} days); a sliding window, not a counter.`;
    return formatHistogram('herald_publish_lateness_seconds', help, series);
  }

  close(): Promise<void> {
    return this.repository.close();
  }
}
