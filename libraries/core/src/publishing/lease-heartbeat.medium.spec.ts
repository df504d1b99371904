import { LeaseHeartbeat, LeaseLostError } from './lease-heartbeat';
import { startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

// The lease renewal while a platform call runs, on the real lease statements.
describe('LeaseHeartbeat (medium)', () => {
  let m: PublishingMedium;

  beforeAll(async () => {
    m = await startPublishingMedium('heartbeat');
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  async function until(condition: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it('keeps the lease of its owner alive until stopped', async () => {
    const deps = m.deps({ options: { ...m.deps().options, leaseMs: 900 } });
    const channel = await m.channel();
    const post = await m.post(channel);
    const now = new Date();
    expect(await m.repositories.leases.takeLease(post, 'owner', new Date(now.getTime() + 900), now)).toBe(true);
    const taken = (await m.row(post.id)).leaseExpiresAt;

    const heartbeat = new LeaseHeartbeat(deps, post.id, 'owner', new Date(now.getTime() + 900));
    heartbeat.start();
    await until(async () => (await m.row(post.id)).leaseExpiresAt?.getTime() !== taken?.getTime());
    // Past the first lease's end: renewed in time, the lease is still this worker's.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(heartbeat.signal.aborted).toBe(false);
    await heartbeat.stop();

    const renewed = (await m.row(post.id)).leaseExpiresAt;
    expect(renewed && taken && renewed > taken).toBe(true);
    expect((await m.row(post.id)).state).toBe('PUBLISHING');
  });

  it('renews nothing for a worker that lost the lease', async () => {
    const deps = m.deps({ options: { ...m.deps().options, leaseMs: 900 } });
    const channel = await m.channel();
    const leaseExpiresAt = new Date(Date.now() + 60_000);
    const post = await m.post(channel, { state: 'PUBLISHING', leaseOwner: 'other', leaseExpiresAt });

    expect(await m.repositories.leases.renewLease(post.id, 'owner', new Date(Date.now() + 120_000))).toBe(false);
    const heartbeat = new LeaseHeartbeat(deps, post.id, 'owner', new Date(Date.now() + 900));
    heartbeat.start();
    // A few renewal periods (a third of the lease each) go by.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await heartbeat.stop();
    expect(await m.row(post.id)).toMatchObject({ leaseOwner: 'other', leaseExpiresAt });
    // The first renewal found the post moved on: the signal fired then, before the lease would have run out.
    expect(heartbeat.signal.aborted).toBe(true);
    expect(heartbeat.signal.reason).toBeInstanceOf(LeaseLostError);
  });

  it('gives up the lease when no renewal gets through before it runs out (Postgres unreachable)', async () => {
    const base = m.deps();
    let renewals = 0;
    const leases = Object.assign(Object.create(base.leases) as typeof base.leases, {
      renewLease: () => {
        renewals += 1;
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      },
    });
    const deps = m.deps({ leases, options: { ...base.options, leaseMs: 900 } });
    const channel = await m.channel();
    const post = await m.post(channel);
    const taken = new Date();
    expect(await m.repositories.leases.takeLease(post, 'owner', new Date(taken.getTime() + 900), taken)).toBe(true);

    const heartbeat = new LeaseHeartbeat(deps, post.id, 'owner', new Date(taken.getTime() + 900));
    heartbeat.start();
    const fired = await new Promise<number>((resolve) => heartbeat.signal.addEventListener('abort', () => resolve(Date.now())));
    await heartbeat.stop();
    // Not before the lease's end (a timer may fire a millisecond early).
    expect(fired).toBeGreaterThanOrEqual(taken.getTime() + 900 - 5);
    expect(renewals).toBeGreaterThan(0);
    expect(heartbeat.signal.reason).toBeInstanceOf(LeaseLostError);
  });
});
