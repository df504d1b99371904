import type { Prisma } from '@herald/database';
import { emitWebhookEvent, webhookMatches } from './emit-webhook-event';

const hook = (id: string, events: string[], integrations: string[]) => ({ id, events: events as Prisma.JsonValue, integrations: integrations as Prisma.JsonValue });

describe('webhookMatches', () => {
  it.each<[string, ReturnType<typeof hook>, boolean]>([
    ['no filters: everything', hook('a', [], []), true],
    ['the event listed', hook('a', ['post.published'], []), true],
    ['another event only', hook('a', ['post.failed'], []), false],
    ['the channel listed', hook('a', [], ['ch1']), true],
    ['another channel only', hook('a', [], ['ch2']), false],
  ])('%s', (_name, webhook, expected) => {
    expect(webhookMatches(webhook, 'post.published', { integrationId: 'ch1' })).toBe(expected);
  });

  it('a channel filter skips events about no channel', () => {
    expect(webhookMatches(hook('a', [], ['ch1']), 'post.published', {})).toBe(false);
  });
});

describe('emitWebhookEvent', () => {
  it('writes one delivery per matching webhook and queues them', async () => {
    const createDeliveries = jest.fn((ids: readonly string[]) => Promise.resolve(ids.map((id) => `delivery-${id}`)));
    const enqueue = jest.fn(() => Promise.resolve());
    const count = await emitWebhookEvent(
      {
        webhooks: { listSubscribers: () => Promise.resolve([hook('a', [], []), hook('b', ['post.failed'], []), hook('c', [], ['ch1'])]), createDeliveries },
        jobs: { enqueue },
      },
      'org',
      'post.published',
      { integrationId: 'ch1', postId: 'p1' },
    );
    expect(count).toBe(2);
    expect(createDeliveries).toHaveBeenCalledWith(['a', 'c'], 'post.published', { integrationId: 'ch1', postId: 'p1' });
    expect(enqueue).toHaveBeenCalledWith(['delivery-a', 'delivery-c']);
  });

  it('never throws: a failure is logged and publishing goes on', async () => {
    const warn = jest.fn();
    const count = await emitWebhookEvent(
      { webhooks: { listSubscribers: () => Promise.reject(new Error('db down')), createDeliveries: jest.fn() }, jobs: { enqueue: jest.fn() }, logger: { warn } as never },
      'org',
      'post.failed',
      {},
    );
    expect(count).toBe(0);
    expect(warn).toHaveBeenCalled();
  });
});
