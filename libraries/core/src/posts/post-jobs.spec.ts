import type { PostJobScheduler } from '@herald/queue';
import pino from 'pino';
import { applyPublishJobs } from './post-jobs';

describe('applyPublishJobs', () => {
  it('cancels, then schedules, each post job', async () => {
    const calls: string[] = [];
    const scheduler: Pick<PostJobScheduler, 'schedule' | 'cancel'> = {
      schedule: (postId, organizationId, runAt) => Promise.resolve(void calls.push(`schedule ${postId} ${organizationId} ${runAt.toISOString()}`)),
      cancel: (postId) => Promise.resolve(void calls.push(`cancel ${postId}`)),
    };
    await applyPublishJobs(scheduler, undefined, 'org', { cancel: ['a'], schedule: [{ postId: 'b', runAt: new Date('2031-01-01T00:00:00Z') }] });
    expect(calls).toEqual(['cancel a', 'schedule b org 2031-01-01T00:00:00.000Z']);
  });

  it('never fails the request when Redis does: the rows stay QUEUE for the cron sweep, and the failure is logged', async () => {
    const failing: Pick<PostJobScheduler, 'schedule' | 'cancel'> = { schedule: () => Promise.reject(new Error('redis down')), cancel: () => Promise.reject(new Error('redis down')) };
    const logger = pino({ level: 'silent' });
    const warn = jest.spyOn(logger, 'warn');
    await expect(applyPublishJobs(failing, logger, 'org', { cancel: ['a'], schedule: [{ postId: 'b', runAt: new Date() }] })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
