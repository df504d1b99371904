import { NotificationsRepository } from '@herald/database';
import { signUp, startTestBackend, type TestBackend } from './harness';

describe('notifications', () => {
  let backend: TestBackend;
  let repository: NotificationsRepository;

  beforeAll(async () => {
    backend = await startTestBackend();
    repository = new NotificationsRepository(backend.db);
  });
  afterAll(async () => {
    await backend.close();
  });

  it('lists the organization notifications, newest first, with the unread count, and marks them read', async () => {
    const { agent, organization } = await signUp(backend, 'notify');
    const other = await signUp(backend, 'notify-other');
    const postId = '00000000-0000-4000-8000-000000000001';
    const older = await repository.create(organization.id, { type: 'post_published', message: 'Published on X.' });
    await backend.db.notification.update({ where: { id: older.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await repository.create(organization.id, { type: 'post_failed', message: 'Instagram refused the post.', postId });
    await repository.create(other.organization.id, { type: 'post_failed', message: 'Not yours.' });

    const res = await agent.get('/notifications').expect(200);
    expect(res.body).toEqual({
      notifications: [
        { id: expect.any(String), type: 'post_failed', message: 'Instagram refused the post.', postId, createdAt: expect.any(String), read: false },
        { id: expect.any(String), type: 'post_published', message: 'Published on X.', createdAt: expect.any(String), read: false },
      ],
      unread: 2,
    });

    const first = (res.body.notifications as { id: string }[])[0]!.id;
    expect((await agent.post('/notifications/read').send({ ids: [first] }).expect(200)).body).toEqual({ updated: 1 });
    expect((await agent.get('/notifications').expect(200)).body.unread).toBe(1);
    expect((await agent.post('/notifications/read').send({}).expect(200)).body).toEqual({ updated: 1 });
    expect((await agent.get('/notifications').expect(200)).body.unread).toBe(0);

    // The other organization's stay unread: marking is scoped.
    expect((await other.agent.get('/notifications').expect(200)).body.unread).toBe(1);
  });

  it('pages from 0 and refuses a page it cannot read', async () => {
    const { agent, organization } = await signUp(backend, 'notify-pages');
    await repository.create(organization.id, { type: 'post_published', message: 'one' });
    expect((await agent.get('/notifications').query({ page: '0' }).expect(200)).body.notifications).toHaveLength(1);
    expect((await agent.get('/notifications').query({ page: '1' }).expect(200)).body.notifications).toEqual([]);
    await agent.get('/notifications').query({ page: '-1' }).expect(400);
    await agent.get('/notifications').query({ page: 'first' }).expect(400);
    await agent.post('/notifications/read').send({ ids: ['nope'] }).expect(400);
  });
});
