import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PublishScheduler } from '@herald/queue';
import { minimalJpeg } from '@herald/sandbox';
import request from 'supertest';
import { signUp } from './harness';
import { consent, type PlatformHarness, startPlatformHarness } from './platform-harness';

describe('deleting an organization or an account, and exporting', () => {
  let h: PlatformHarness;
  let scheduler: PublishScheduler;

  beforeAll(async () => {
    h = await startPlatformHarness();
    scheduler = new PublishScheduler(h.backend.redis);
  });
  afterAll(async () => {
    await scheduler.close();
    await h.close();
  });

  async function orgWithChannelAndQueuedPost(label: string) {
    const session = await signUp(h.backend, label);
    const url = ((await session.agent.get('/integrations/social/x').expect(200)).body as { url: string }).url;
    const channel = await session.agent.post('/integrations/social/x/connect').send(await consent(h, url, { persona: 'carol' })).expect(200);
    const post = await h.backend.db.post.create({
      data: { organizationId: session.organization.id, integrationId: channel.body.id, group: randomUUID(), state: 'QUEUE', publishDate: new Date(Date.now() + 86_400_000), content: `Launch day ${label}` },
    });
    await scheduler.schedule(post.id, session.organization.id, post.publishDate);
    expect(await scheduler.getJob(post.id)).toBeDefined();
    return { ...session, channelId: channel.body.id as string, postId: post.id };
  }

  const invalidations = () => h.sandbox.ledger.requests.filter((r) => r.path.endsWith('/oauth/invalidate_token') && r.status === 200).length;

  it('exports the posts and channels as JSON without tokens', async () => {
    const a = await orgWithChannelAndQueuedPost('export');
    const res = await a.agent.get('/organization/export').expect(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body).toMatchObject({ format: 'herald-export/1', organization: { id: a.organization.id } });
    expect(res.body.channels).toEqual([expect.objectContaining({ id: a.channelId, providerIdentifier: 'x' })]);
    expect(res.body.posts).toEqual([expect.objectContaining({ id: a.postId, content: 'Launch day export' })]);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/"token"|v[12]\.[A-Za-z0-9_-]{8,}\./);
    for (const t of h.sandbox.ledger.tokens.filter((x) => x.sensitive)) expect(text).not.toContain(t.value);
  });

  it('refuses to delete the organization without the right password, or for a non-owner', async () => {
    const a = await orgWithChannelAndQueuedPost('keep');
    const wrong = await a.agent.delete('/organization').send({ password: 'not my password' }).expect(403);
    expect(wrong.body.code).toBe('password_incorrect');
    await a.agent.delete('/organization').send({}).expect(400);
    const member = await signUp(h.backend, 'member');
    await h.backend.db.userOrganization.create({ data: { userId: member.user.id, organizationId: a.organization.id, role: 'MEMBER' } });
    await member.agent.delete('/organization').set('showorg', a.organization.id).send({ password: member.password }).expect(403);
    expect(await h.backend.db.organization.findUnique({ where: { id: a.organization.id } })).not.toBeNull();
  });

  it('deletes the organization: tokens revoked, jobs removed, uploads and rows gone', async () => {
    const a = await orgWithChannelAndQueuedPost('gone');
    const upload = await a.agent.post('/media/upload').attach('file', minimalJpeg(64, 64), 'photo.jpg').expect(201);
    const media = await h.backend.db.media.findUniqueOrThrow({ where: { id: upload.body.id } });
    const file = path.resolve(h.backend.config.uploadDirectory, media.fileKey);
    expect(existsSync(file)).toBe(true);
    const before = invalidations();
    const res = await a.agent.delete('/organization').send({ password: a.password }).expect(200);
    expect(res.body).toMatchObject({ organizationId: a.organization.id, channelsRevoked: 1, revokeFailures: 0, jobsRemoved: 1 });
    expect(invalidations()).toBe(before + 1);
    expect(await scheduler.getJob(a.postId)).toBeUndefined();
    expect(await h.backend.db.integration.count({ where: { organizationId: a.organization.id } })).toBe(0);
    expect(await h.backend.db.post.count({ where: { organizationId: a.organization.id } })).toBe(0);
    expect(await h.backend.db.organization.findUnique({ where: { id: a.organization.id } })).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it('deletes an account with the organizations it alone owns, and signs it out', async () => {
    const a = await orgWithChannelAndQueuedPost('leaver');
    const res = await a.agent.delete('/user/self').send({ password: a.password }).expect(200);
    expect(res.body).toEqual({ organizationsDeleted: 1, organizationsLeft: 0 });
    expect(await h.backend.db.user.findUnique({ where: { id: a.user.id } })).toBeNull();
    expect(await h.backend.db.integration.count({ where: { organizationId: a.organization.id } })).toBe(0);
    expect(await scheduler.getJob(a.postId)).toBeUndefined();
    await a.agent.get('/user/self').expect(401);
    await request(h.backend.server).post('/auth/login').send({ email: a.email, password: a.password }).expect(401);
  });
});
