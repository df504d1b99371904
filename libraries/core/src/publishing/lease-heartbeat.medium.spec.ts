import { LeaseHeartbeat } from './lease-heartbeat';
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

    const heartbeat = new LeaseHeartbeat(deps, post.id, 'owner');
    heartbeat.start();
    await until(async () => (await m.row(post.id)).leaseExpiresAt?.getTime() !== taken?.getTime());
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
    const heartbeat = new LeaseHeartbeat(deps, post.id, 'owner');
    heartbeat.start();
    // A few renewal periods (a third of the lease each) go by.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await heartbeat.stop();
    expect(await m.row(post.id)).toMatchObject({ leaseOwner: 'other', leaseExpiresAt });
  });
});
