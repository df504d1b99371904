import type { PostJobScheduler } from '@herald/queue';
import type { Logger } from '../common/logger';
import type { PlannedJob } from './group-plan';

/**
 * Applies publish-job changes after the rows are committed. A Redis failure is logged, never raised: the rows
 * are the truth, and the cron sweep (sweep-due-posts) re-enqueues every due QUEUE post that has no job, while a
 * leftover job finds its row no longer QUEUE and does nothing.
 */
export async function applyPublishJobs(
  scheduler: Pick<PostJobScheduler, 'schedule' | 'cancel'>,
  logger: Logger | undefined,
  organizationId: string,
  jobs: { schedule?: readonly PlannedJob[]; cancel?: readonly string[] },
): Promise<void> {
  for (const postId of jobs.cancel ?? []) {
    try {
      await scheduler.cancel(postId);
    } catch (err) {
      logger?.warn({ err, postId }, 'could not remove a publish job; the worker will find the post no longer queued');
    }
  }
  for (const job of jobs.schedule ?? []) {
    try {
      await scheduler.schedule(job.postId, organizationId, job.runAt);
    } catch (err) {
      logger?.warn({ err, postId: job.postId }, 'could not enqueue a publish job; the cron sweep will pick the post up');
    }
  }
}
