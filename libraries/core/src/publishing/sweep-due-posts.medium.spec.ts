import { SweepDuePosts } from './sweep-due-posts';
import { startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

// The cron's sweep with the real repositories on a database of its own (it reads every organization).
describe('SweepDuePosts (medium)', () => {
  let m: PublishingMedium;

  beforeAll(async () => {
    m = await startPublishingMedium('sweep');
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  it('gives a job to the work that is due, and only to it', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const channel = await m.channel();
    const due = await m.post(channel, { publishDate: ago(60_000) });
    const soon = await m.post(channel, { publishDate: new Date(now.getTime() + 30_000) });
    await m.post(channel, { publishDate: new Date(now.getTime() + 3_600_000) });
    await m.post(channel, { publishDate: ago(60_000), notBefore: new Date(now.getTime() + 600_000) });
    const parentOut = await m.post(channel, { state: 'PUBLISHED', publishDate: ago(120_000), publishedAt: ago(120_000) });
    const reply = await m.post(channel, { parentPostId: parentOut.id, group: parentOut.group, publishDate: ago(120_000), delay: 1 });
    const parentQueued = await m.post(channel, { publishDate: new Date(now.getTime() + 3_600_000) });
    await m.post(channel, { parentPostId: parentQueued.id, group: parentQueued.group, publishDate: ago(60_000) });
    const check = await m.post(channel, { state: 'UNCONFIRMED', notBefore: ago(1_000) });
    await m.post(channel, { state: 'UNCONFIRMED', notBefore: null });
    await m.post(channel, { publishDate: ago(60_000), deletedAt: now });
    await m.post(channel, { state: 'ERROR', publishDate: ago(60_000) });
    const gone = await m.channel({ deletedAt: now });
    await m.post(gone, { publishDate: ago(60_000) });

    const sweep = new SweepDuePosts(m.deps({ now: () => now }));
    expect(await sweep.run({ horizonMs: 60_000, batchSize: 100 })).toBe(4);
    expect(new Set(m.jobs.ensured.map((j) => j.postId))).toEqual(new Set([due.id, soon.id, reply.id, check.id]));
    expect(m.jobs.ensured.find((j) => j.postId === reply.id)?.runAt).toEqual(new Date(parentOut.publishedAt!.getTime() + 60_000));
    expect(m.jobs.ensured.find((j) => j.postId === soon.id)?.runAt).toEqual(soon.publishDate);
  });

  it('takes at most a batch, the earliest first', async () => {
    m.jobs.ensured.length = 0;
    const sweep = new SweepDuePosts(m.deps());
    expect(await sweep.run({ horizonMs: 60_000, batchSize: 1 })).toBe(1);
    const [first] = m.jobs.ensured;
    const earliest = await m.repositories.leases.findDueWork(new Date(Date.now() + 60_000), 1);
    expect(first?.postId).toBe(earliest[0]?.id);
  });
});
