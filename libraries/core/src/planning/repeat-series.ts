import type { PostCopiesRepository } from '@herald/database';
import type { PostJobScheduler } from '@herald/queue';
import type { Logger } from '../common/logger';
import { channelZone } from './channel-slots';
import { copyThread, nextGroupOf, threadsOf } from './thread-copies';
import { addDaysInZone } from './zoned-time';

export interface RepeatSeriesDeps {
  copies: PostCopiesRepository;
  /** The publish queue: queues a post's publish job (after the commit). */
  jobs: Pick<PostJobScheduler, 'schedule'>;
  logger?: Logger;
  now: () => Date;
}

/** How long after its publication a recurring post's missing next occurrence is still looked for. */
const REPAIR_WINDOW_MS = 2 * 24 * 3600_000;
const REPAIR_BATCH = 200;

/**
 * Recurring posts (docs/planning.md): when an occurrence is published, the next one is planned `inter` days later at
 * the same wall-clock time in each channel's zone, with the same content, media, settings and tags. Every channel of
 * the group gets its copy at once, in the group derived from this one; each copy names the post it repeats, and
 * that name is unique, so a retried, re-run or racing publish plans nothing twice.
 */
export class RepeatSeries {
  constructor(private readonly deps: RepeatSeriesDeps) {}

  /** The worker's hook: never throws (the post is out whatever happens here; the cron looks again). */
  async afterPublished(post: { organizationId: string; group: string }): Promise<void> {
    try {
      await this.planNext(post.organizationId, post.group);
    } catch (err) {
      this.deps.logger?.error({ err, group: post.group }, 'could not plan the next occurrence of a recurring post; the cron will try again');
    }
  }

  /** Plans the occurrence after `group` (for its recurring roots that have none yet). Returns the posts made. */
  async planNext(organizationId: string, group: string): Promise<{ group: string; created: number }> {
    const next = nextGroupOf(group);
    const now = this.deps.now();
    const copies = threadsOf(await this.deps.copies.readGroup(organizationId, group))
      .filter(({ root }) => root.intervalInDays !== null)
      .map((thread) => {
        const { root } = thread;
        const inter = root.intervalInDays ?? 1;
        const zone = channelZone({ timezone: root.channelTimezone });
        // Occurrences that would already be past (a publication that came days late) are skipped, never bunched.
        let publishDate = addDaysInZone(root.publishDate, inter, zone);
        for (let i = 0; publishDate <= now && i < 1000; i++) publishDate = addDaysInZone(publishDate, inter, zone);
        return copyThread(thread, {
          group: next,
          state: root.state === 'DRAFT' ? 'DRAFT' : 'QUEUE',
          publishDate,
          intervalInDays: root.intervalInDays,
          creationMethod: root.creationMethod,
          previousOccurrenceId: root.id,
        });
      });
    if (copies.length === 0) return { group: next, created: 0 };
    const written = await this.deps.copies.writeThreads(organizationId, copies, { into: next });
    for (const { root } of written) {
      if (root.state !== 'QUEUE') continue;
      // A lost job is found by the cron's sweep of due posts.
      await this.deps.jobs.schedule(root.id, organizationId, root.publishDate).catch((err: unknown) => this.deps.logger?.warn({ err, postId: root.id }, 'could not queue the next occurrence; the sweep will'));
    }
    return { group: next, created: written.length };
  }

  /** The cron: recurring posts published lately whose next occurrence is missing (the worker stopped in between). */
  async repairMissed(): Promise<number> {
    const missing = await this.deps.copies.findPublishedWithoutNext(new Date(this.deps.now().getTime() - REPAIR_WINDOW_MS), REPAIR_BATCH);
    let created = 0;
    for (const { organizationId, group } of missing) created += (await this.planNext(organizationId, group)).created;
    return created;
  }
}
