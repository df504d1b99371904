import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from '../../apps/workers/test/support/harness';
import { type AppProcess, ensureBuilt, startApp } from './processes';

// The built workers (`node apps/workers/dist/main.js`, as the image runs them) on SIGTERM: no new job is taken, and
// the publish in flight finishes. Redis database 8 and a database of this spec's own keep other specs' jobs away.
describe('the built workers on SIGTERM', () => {
  let h: Harness;
  let dir: string;
  let workers: AppProcess | undefined;

  beforeAll(async () => {
    ensureBuilt('workers');
    h = await startHarness({ database: 'herald_deploy_workers', redisDb: 8 });
    dir = mkdtempSync(path.join(tmpdir(), 'herald-workers-'));
  }, 90_000);

  afterAll(async () => {
    if (workers && workers.child.exitCode === null) {
      workers.child.kill('SIGKILL');
      await workers.exit;
    }
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the publish in flight, leaves a job that became due after the signal queued, and exits 0', async () => {
    const channel = await connectChannel(h, 'x');
    h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', action: { type: 'delay', ms: 2_000 }, count: 1 });
    workers = startApp(ensureBuilt('workers'), { ...h.env, LOG_LEVEL: 'info', NODE_EXTRA_CA_CERTS: h.sandbox.caCertPath }, dir);
    await workers.waitForOutput(/publish worker ready/, 60_000);
    const running = workers;

    const text = unique('in flight at SIGTERM (built workers)');
    const [inFlight = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: new Date() });
    await waitForState(h, inFlight, ['PUBLISHING'], 30_000);

    running.child.kill('SIGTERM');
    await running.waitForOutput(/stopping: no new jobs/);
    const [after = ''] = await createPost(h, { integrationId: channel.id, content: unique('due after SIGTERM'), publishDate: new Date() });

    expect(await running.exit).toBe(0);
    const published = await waitForState(h, inFlight, ['PUBLISHED', 'ERROR', 'UNCONFIRMED', 'QUEUE'], 5_000);
    expect(published).toMatchObject({ state: 'PUBLISHED', leaseOwner: null, releaseId: ledgerWith(h, text)[0]?.releaseId });
    expect(ledgerWith(h, text)).toHaveLength(1);
    // The job that became due after the signal was never taken: its post is untouched and its job still waits.
    expect(await h.db.post.findUniqueOrThrow({ where: { id: after } })).toMatchObject({ state: 'QUEUE', leaseOwner: null, attempts: 0 });
    await waitFor('the later job to be waiting', async () => ['waiting', 'delayed', 'prioritized'].includes(await h.jobs.jobState(after)), 5_000);
  }, 90_000);
});
