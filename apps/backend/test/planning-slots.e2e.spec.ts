import { DateTime } from 'luxon';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry } from './posts-fixtures';
import { api, publicOrg } from './public-api.fixtures';

describe('posting slots, the queue and find-slot', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it("answers a channel's defaults, then the times and zone it is given (the person's zone when none is sent)", async () => {
    const { agent, organization } = await signUp(backend, 'slots');
    const x = await addChannel(backend, organization.id, 'x');
    expect((await agent.get(`/integrations/${x.id}/slots`).expect(200)).body).toEqual({ timezone: 'UTC', slots: ['02:00', '06:40', '11:40'], custom: false });

    await agent.put('/user/self').send({ timezone: 'Europe/Paris' }).expect(200);
    const saved = await agent.put(`/integrations/${x.id}/slots`).send({ slots: ['13:30', '09:00', '09:00'] }).expect(200);
    expect(saved.body).toEqual({ timezone: 'Europe/Paris', slots: ['09:00', '13:30'], custom: true });
    await agent.put(`/integrations/${x.id}/slots`).send({ slots: ['08:15'], timezone: 'America/New_York' }).expect(200);
    expect((await agent.get(`/integrations/${x.id}/slots`).expect(200)).body).toEqual({ timezone: 'America/New_York', slots: ['08:15'], custom: true });
  });

  it.each<[string, unknown, string]>([
    ['no slots', {}, 'slots'],
    ['an empty list', { slots: [] }, 'slots'],
    ['a bad time', { slots: ['9:00'] }, 'slots'],
    ['hour 24', { slots: ['24:00'] }, 'slots'],
    ['numbers', { slots: [900] }, 'slots'],
    ['too many', { slots: Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`) }, 'slots'],
    ['an unknown zone', { slots: ['09:00'], timezone: 'Mars/Olympus' }, 'timezone'],
    ['an offset as zone', { slots: ['09:00'], timezone: '+02:00' }, 'timezone'],
    ['a body that is a list', ['09:00'], 'body'],
  ])('refuses %s with a 400 naming the field', async (_case, body, field) => {
    const { agent, organization } = await signUp(backend, 'slots-bad');
    const x = await addChannel(backend, organization.id, 'x');
    const res = await agent.put(`/integrations/${x.id}/slots`).send(body as object).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
    expect((await backend.db.integration.findUniqueOrThrow({ where: { id: x.id } })).slots).toEqual([]);
  });

  it("gives the first future posting time free on all the given channels, each channel's time in its zone", async () => {
    const { agent, organization } = await signUp(backend, 'queue');
    const x = await addChannel(backend, organization.id, 'x');
    const fb = await addChannel(backend, organization.id, 'facebook');
    await agent.put(`/integrations/${x.id}/slots`).send({ slots: ['09:00'], timezone: 'Asia/Tokyo' }).expect(200);
    await agent.put(`/integrations/${fb.id}/slots`).send({ slots: ['09:00'], timezone: 'Asia/Tokyo' }).expect(200);
    const tomorrowNine = DateTime.now().setZone('Asia/Tokyo').plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const first = (await agent.get('/posts/next-slot').query({ integrations: `${x.id},${fb.id}` }).expect(200)).body as { date: string };
    expect([tomorrowNine.minus({ days: 1 }).toJSDate().toISOString(), tomorrowNine.toJSDate().toISOString()]).toContain(first.date);

    // A post on the Facebook channel takes that time for both; a draft takes none.
    await agent.post('/posts').send({ type: 'draft', date: first.date, posts: [entry(x, [{ content: 'a draft holds no place' }])] }).expect(201);
    expect((await agent.get('/posts/next-slot').query({ integrations: `${x.id},${fb.id}` }).expect(200)).body).toEqual(first);
    await agent.post('/posts').send({ type: 'schedule', date: first.date, posts: [entry(fb, [{ content: 'queued' }])] }).expect(201);
    const second = (await agent.get('/posts/next-slot').query({ integrations: `${x.id},${fb.id}` }).expect(200)).body as { date: string };
    expect(Date.parse(second.date) - Date.parse(first.date)).toBe(24 * 3600_000);
    // X alone is still free then.
    expect((await agent.get('/posts/next-slot').query({ integrations: x.id }).expect(200)).body).toEqual(first);
  });

  it('refuses a next-slot question without channels, with a bad list, or with channels of another organization', async () => {
    const { agent } = await signUp(backend, 'queue-bad');
    const other = await signUp(backend, 'queue-other');
    const theirs = await addChannel(backend, other.organization.id, 'x');
    expect((await agent.get('/posts/next-slot').expect(400)).body).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'integrations' })] });
    await agent.get('/posts/next-slot').query({ integrations: ',,' }).expect(400);
    await agent.get('/posts/next-slot').query({ integrations: 'not-an-id' }).expect(404);
    await agent.get('/posts/next-slot').query({ integrations: theirs.id }).expect(404);
  });

  it("find-slot of the public API answers from the channel's own posting times", async () => {
    const org = await publicOrg(backend, 'find-slot-zone');
    const channel = org.channels[0];
    if (!channel) throw new Error('no channel');
    await org.agent.put(`/integrations/${channel.id}/slots`).send({ slots: ['10:15'], timezone: 'America/New_York' }).expect(200);
    const { date } = (await api(backend, org.apiKey).get(`/find-slot/${channel.id}`).expect(200)).body as { date: string };
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/);
    expect(DateTime.fromISO(date, { zone: 'UTC' }).setZone('America/New_York').toFormat('HH:mm')).toBe('10:15');
  });
});
