import { WebhooksRepository } from '@herald/database';
import { Cleanup } from './cleanup';
import { startPublishingMedium, type PublishingMedium } from './testing/publishing-medium';

const DAY_MS = 24 * 3600_000;

// The cron's cleanup with the real repositories on a database of its own (it deletes across organizations).
describe('Cleanup (medium)', () => {
  let m: PublishingMedium;

  beforeAll(async () => {
    m = await startPublishingMedium('cleanup');
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  it('deletes old notifications and finished webhook deliveries; keeps recent ones and pending deliveries', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const { organizationId } = await m.channel();
    await m.db.notification.create({ data: { organizationId, type: 'post.failed', message: 'old', createdAt: daysAgo(91) } });
    const newNotice = await m.db.notification.create({ data: { organizationId, type: 'post.failed', message: 'new', createdAt: daysAgo(89) } });
    const webhook = await m.db.webhook.create({ data: { organizationId, name: 'hook', url: 'https://hooks.example/in', secret: 'v1.cipher' } });
    const delivery = (status: string, days: number) => m.db.webhookDelivery.create({ data: { webhookId: webhook.id, event: 'post.published', payload: {}, status, createdAt: daysAgo(days) } });
    await delivery('delivered', 31);
    await delivery('failed', 31);
    const oldPending = await delivery('pending', 31);
    const newSent = await delivery('delivered', 29);
    const mediaCutoffs: Date[] = [];

    const cleanup = new Cleanup({ ...m.deps({ now: () => now }), webhooks: new WebhooksRepository(m.db) }, (at) => {
      mediaCutoffs.push(at);
      return Promise.resolve(2);
    });
    expect(await cleanup.run()).toEqual({ notifications: 1, webhookDeliveries: 2, media: 2 });
    expect(mediaCutoffs).toEqual([now]);
    expect((await m.db.notification.findMany({ where: { organizationId }, select: { id: true } })).map((n) => n.id)).toEqual([newNotice.id]);
    const left = await m.db.webhookDelivery.findMany({ where: { webhookId: webhook.id }, select: { id: true } });
    expect(new Set(left.map((d) => d.id))).toEqual(new Set([oldPending.id, newSent.id]));

    expect(await cleanup.run({ notificationsDays: 1, webhookDeliveriesDays: 1 })).toEqual({ notifications: 1, webhookDeliveries: 1, media: 2 });
  });
});
