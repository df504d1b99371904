import type { Post, PostState } from '@herald/database';
import type { CreatePostDto } from '@herald/shared/dto';
import { planGroup } from './group-plan';
import type { ValidPostRequest } from './post-request.validator';

const NOW = new Date('2030-01-01T10:00:00.000Z');
const DATE = new Date('2030-01-02T09:00:00.000Z');

function request(type: ValidPostRequest['type'], posts: CreatePostDto['posts'], extra: Partial<CreatePostDto> = {}): ValidPostRequest {
  return { type, date: DATE, channels: new Map(), body: { type, date: DATE.toISOString(), posts, ...extra } };
}

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

function row(id: string, state: PostState, extra: Partial<Post> = {}): Post {
  return {
    id, organizationId: 'org', integrationId: 'ch-x', group: 'g', parentPostId: null, state, publishDate: DATE, delay: 0, content: 'hello',
    settings: {}, image: [], releaseId: null, releaseURL: null, error: null, errorCode: null, leaseOwner: null, leaseExpiresAt: null,
    attempts: 0, publishedAt: null, createdAt: NOW, updatedAt: NOW, deletedAt: null,
    attemptStartedAt: null, attemptEndedAt: null, notBefore: null, outcomeHint: null, outcomeChecks: 0, creationMethod: 'WEB', intervalInDays: null, previousOccurrenceId: null, ...extra,
  };
}

describe('planGroup', () => {
  it('writes a root and chained children, and queues only the root', () => {
    const plan = planGroup(
      request('schedule', [{ integration: { id: 'ch-x' }, value: [{ content: 'one' }, { content: 'two', delay: 5 }, { content: 'three', delay: 1 }] }]),
      { group: 'g', existing: [], now: NOW, newId: ids() },
    );
    expect(plan.writes.map((w) => [w.kind, w.row.id, w.row.parentPostId, w.row.state, w.row.delay])).toEqual([
      ['create', 'id-1', null, 'QUEUE', 0],
      ['create', 'id-2', 'id-1', 'QUEUE', 5],
      ['create', 'id-3', 'id-2', 'QUEUE', 1],
    ]);
    expect(plan.schedule).toEqual([{ postId: 'id-1', runAt: DATE }]);
    expect(plan.result).toEqual([{ postId: 'id-1', integration: 'ch-x', group: 'g' }]);
  });

  it('never queues drafts', () => {
    const plan = planGroup(request('draft', [{ integration: { id: 'ch-x' }, value: [{ content: 'one' }] }]), { group: 'g', existing: [], now: NOW, newId: ids() });
    expect(plan.writes[0]?.row.state).toBe('DRAFT');
    expect(plan.schedule).toEqual([]);
  });

  it('publishes `now` at once, whatever the date', () => {
    const plan = planGroup(request('now', [{ integration: { id: 'ch-x' }, value: [{ content: 'one' }] }]), { group: 'g', existing: [], now: NOW, newId: ids() });
    expect(plan.writes[0]?.row.publishDate).toEqual(NOW);
    expect(plan.schedule).toEqual([{ postId: 'id-1', runAt: NOW }]);
  });

  it('updates named rows in place, cancels the rest, and replaces the jobs', () => {
    const existing = [row('old-root', 'QUEUE'), row('old-reply', 'QUEUE', { parentPostId: 'old-root' })];
    const plan = planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ id: 'old-root', content: 'edited' }] }]), { group: 'g', existing, now: NOW, newId: ids() });
    expect(plan.writes).toEqual([expect.objectContaining({ kind: 'update', expectedState: 'QUEUE', row: expect.objectContaining({ id: 'old-root', content: 'edited' }) })]);
    expect(plan.removals).toEqual([{ id: 'old-reply', expectedState: 'QUEUE', nextState: 'CANCELLED' }]);
    expect(plan.schedule).toEqual([{ postId: 'old-root', runAt: DATE }]);
    expect(plan.cancel).toEqual(['old-reply']);
  });

  it('ignores an id of another channel or outside the group', () => {
    const existing = [row('old-root', 'QUEUE', { integrationId: 'ch-ig' })];
    const plan = planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ id: 'old-root', content: 'x' }] }]), { group: 'g', existing, now: NOW, newId: ids() });
    expect(plan.writes[0]).toMatchObject({ kind: 'create', row: { id: 'id-1' } });
    expect(plan.removals).toEqual([{ id: 'old-root', expectedState: 'QUEUE', nextState: 'CANCELLED' }]);
  });

  it('refuses to change a published post without republish', () => {
    const existing = [row('pub', 'PUBLISHED')];
    expect(() => planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ id: 'pub', content: 'changed' }] }]), { group: 'g', existing, now: NOW })).toThrow(
      expect.objectContaining({ status: 409, code: 'post_already_published' }),
    );
  });

  it('leaves an unchanged published post alone and queues its new reply after it', () => {
    const publishedAt = new Date('2030-01-01T09:58:00.000Z');
    const existing = [row('pub', 'PUBLISHED', { publishedAt })];
    const plan = planGroup(
      request('schedule', [{ integration: { id: 'ch-x' }, value: [{ id: 'pub', content: 'hello' }, { content: 'reply', delay: 5 }] }]),
      { group: 'g', existing, now: NOW, newId: ids() },
    );
    expect(plan.writes.map((w) => w.row.id)).toEqual(['id-1']);
    expect(plan.schedule).toEqual([{ postId: 'id-1', runAt: new Date(publishedAt.getTime() + 5 * 60_000) }]);
  });

  it('republishes on request, forgetting the earlier release', () => {
    const existing = [row('pub', 'PUBLISHED', { releaseId: '1' })];
    const plan = planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ id: 'pub', content: 'again' }] }], { republish: true }), { group: 'g', existing, now: NOW });
    expect(plan.writes[0]).toMatchObject({ kind: 'update', clearRelease: true, expectedState: 'PUBLISHED', row: { state: 'QUEUE' } });
    expect(plan.schedule).toEqual([{ postId: 'pub', runAt: DATE }]);
  });

  it('refuses to touch a group while one of its posts is being published', () => {
    expect(() => planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ content: 'x' }] }]), { group: 'g', existing: [row('busy', 'PUBLISHING')], now: NOW })).toThrow(
      expect.objectContaining({ status: 409 }),
    );
  });

  it('keeps a removed published row published (soft-deleted only)', () => {
    const plan = planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ content: 'new' }] }]), { group: 'g', existing: [row('pub', 'PUBLISHED')], now: NOW, newId: ids() });
    expect(plan.removals).toEqual([{ id: 'pub', expectedState: 'PUBLISHED', nextState: 'PUBLISHED' }]);
  });
});

describe('planGroup and recurring posts', () => {
  it('marks the root rows with the repeat, never their replies', () => {
    const plan = planGroup(request('schedule', [{ integration: { id: 'ch-x' }, value: [{ content: 'one' }, { content: 'two', delay: 5 }] }], { inter: 7 }), {
      group: 'g',
      existing: [],
      now: NOW,
      newId: ids(),
    });
    expect(plan.writes.map((w) => w.row.intervalInDays)).toEqual([7, null]);
  });
});
