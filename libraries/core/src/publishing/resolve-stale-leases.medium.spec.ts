import { ResolveStaleLeases } from './resolve-stale-leases';
import { startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

// The cron's stale-lease pass with the real repositories on a database of its own (it reads every organization).
describe('ResolveStaleLeases (medium)', () => {
  let m: PublishingMedium;

  beforeAll(async () => {
    m = await startPublishingMedium('stale_leases');
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  it('turns only expired leases UNCONFIRMED and gives each a job that checks its outcome', async () => {
    const channel = await m.channel();
    const stale = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'dead', leaseExpiresAt: new Date(Date.now() - 10_000) });
    const live = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'alive', leaseExpiresAt: new Date(Date.now() + 60_000) });
    const queued = await m.post(channel);
    const now = new Date();

    expect(await new ResolveStaleLeases(m.deps({ now: () => now })).run()).toBe(1);
    expect(await m.row(stale.id)).toMatchObject({ state: 'UNCONFIRMED', errorCode: 'outcome_unknown', notBefore: now, attemptEndedAt: now, leaseExpiresAt: null, leaseOwner: 'dead' });
    expect((await m.row(live.id)).state).toBe('PUBLISHING');
    expect((await m.row(queued.id)).state).toBe('QUEUE');
    expect(m.jobs.ensured).toEqual([{ postId: stale.id, organizationId: stale.organizationId, runAt: now }]);

    expect(await new ResolveStaleLeases(m.deps()).run()).toBe(0);
  });

  it('takes at most a batch at a time, the oldest leases first', async () => {
    const channel = await m.channel();
    const older = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'dead', leaseExpiresAt: new Date(Date.now() - 20_000) });
    const newer = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'dead', leaseExpiresAt: new Date(Date.now() - 10_000) });
    const pass = new ResolveStaleLeases(m.deps());

    expect(await pass.run(1)).toBe(1);
    expect((await m.row(older.id)).state).toBe('UNCONFIRMED');
    expect((await m.row(newer.id)).state).toBe('PUBLISHING');
    expect(await pass.run(1)).toBe(1);
    expect((await m.row(newer.id)).state).toBe('UNCONFIRMED');
  });
});
