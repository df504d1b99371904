import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry } from './posts-fixtures';
import { api, FUTURE, publicOrg, xPost } from './public-api.fixtures';

const WEEK = { startDate: '2032-03-08T00:00:00.000Z', endDate: '2032-03-14T23:59:59.999Z' };
const IN_WEEK = '2032-03-10T10:00:00Z';

interface ListedPost {
  id: string;
  content: string;
  creationMethod: string;
  tags: { tag: { id: string; name: string; color: string; orgId: string; deletedAt: string | null; createdAt: string; updatedAt: string } }[];
}

describe('customers and tags', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('groups channels under customers: create, rename, assign (by id or by name), filter the calendar, delete', async () => {
    const { agent, organization } = await signUp(backend, 'customers');
    const x = await addChannel(backend, organization.id, 'x', { name: 'Acme X' });
    const fb = await addChannel(backend, organization.id, 'facebook', { name: 'Acme Page' });

    const acme = (await agent.post('/customers').send({ name: '  Acme Corp ' }).expect(201)).body as { id: string; name: string; channels: number };
    expect(acme).toMatchObject({ name: 'Acme Corp', channels: 0 });
    const dup = await agent.post('/customers').send({ name: 'acme corp' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'name_taken' });
    expect((await agent.post('/customers').send({ name: '   ' }).expect(400)).body).toMatchObject({ code: 'validation_failed' });

    expect((await agent.put(`/integrations/${x.id}/customer`).send({ customerId: acme.id }).expect(200)).body).toEqual({ customer: { id: acme.id, name: 'Acme Corp' } });
    // By name: found when it exists, made when it does not.
    const globex = ((await agent.put(`/integrations/${fb.id}/customer`).send({ name: 'Globex' }).expect(200)).body as { customer: { id: string } }).customer;
    expect((await agent.get('/customers').expect(200)).body).toEqual([
      { id: acme.id, name: 'Acme Corp', channels: 1 },
      { id: globex.id, name: 'Globex', channels: 1 },
    ]);
    await agent.put(`/customers/${acme.id}`).send({ name: 'Acme Inc' }).expect(200);
    const channels = (await agent.get('/integrations/list').expect(200)).body as { integrations: { id: string; customer: unknown }[] };
    expect(channels.integrations.find((c) => c.id === x.id)?.customer).toEqual({ id: acme.id, name: 'Acme Inc' });

    await agent.post('/posts').send({ type: 'schedule', date: IN_WEEK, posts: [entry(x, [{ content: 'for Acme' }])] }).expect(201);
    await agent.post('/posts').send({ type: 'schedule', date: IN_WEEK, posts: [entry(fb, [{ content: 'for Globex' }])] }).expect(201);
    const contents = async (customer?: string) =>
      ((await agent.get('/posts').query({ ...WEEK, ...(customer === undefined ? {} : { customer }) }).expect(200)).body.posts as ListedPost[]).map((p) => p.content).sort();
    expect(await contents()).toEqual(['for Acme', 'for Globex']);
    expect(await contents(acme.id)).toEqual(['for Acme']);
    expect(await contents('')).toEqual(['for Acme', 'for Globex']);
    expect(await contents('not-a-customer')).toEqual([]);

    // Deleting a customer keeps its channels, under no customer.
    await agent.delete(`/customers/${globex.id}`).expect(200);
    await agent.delete(`/customers/${globex.id}`).expect(404);
    expect(await backend.db.integration.findUniqueOrThrow({ where: { id: fb.id } })).toMatchObject({ customerId: null, deletedAt: null });
    await agent.put(`/integrations/${x.id}/customer`).send({ customerId: null }).expect(200);
    expect((await agent.get('/customers').expect(200)).body).toEqual([{ id: acme.id, name: 'Acme Inc', channels: 0 }]);
    await agent.put(`/integrations/${x.id}/customer`).send({ customerId: globex.id }).expect(404);
    await agent.put(`/integrations/${x.id}/customer`).send({}).expect(400);
  });

  it('labels posts with the organization’s tags: chosen by name, kept on edits without tags, gone when deleted', async () => {
    const { agent, organization } = await signUp(backend, 'tags');
    const other = await signUp(backend, 'tags-other');
    const x = await addChannel(backend, organization.id, 'x');
    const launch = (await agent.post('/tags').send({ name: 'Launch', color: '#FF0000' }).expect(201)).body as { id: string; name: string; color: string };
    expect(launch).toMatchObject({ name: 'Launch', color: '#ff0000' });
    const promo = (await agent.post('/tags').send({ name: 'Promo' }).expect(201)).body as { id: string; color: string };
    expect(promo.color).toMatch(/^#[0-9a-f]{6}$/);
    await agent.post('/tags').send({ name: 'launch' }).expect(409);
    await agent.post('/tags').send({ name: 'Bad', color: 'red' }).expect(400);
    // Another organization's tag of the same name is its own, and never matched here.
    await other.agent.post('/tags').send({ name: 'Elsewhere' }).expect(201);

    const created = await agent
      .post('/posts')
      .send({ type: 'schedule', date: IN_WEEK, tags: [{ value: 'x', label: 'Launch' }, { value: 'y', label: 'Unknown' }, { value: 'z', label: 'Elsewhere' }], posts: [entry(x, [{ content: 'tagged' }])] })
      .expect(201);
    const { group, postId } = (created.body as { group: string; postId: string }[])[0]!;
    const listed = async () => ((await agent.get('/posts').query(WEEK).expect(200)).body.posts as ListedPost[]).find((p) => p.id === postId)!;
    const first = await listed();
    expect(first.creationMethod).toBe('WEB');
    expect(first.tags).toEqual([
      { tag: { id: launch.id, name: 'Launch', color: '#ff0000', orgId: organization.id, deletedAt: null, createdAt: expect.any(String), updatedAt: expect.any(String) } },
    ]);
    expect((await agent.get(`/posts/${postId}`).expect(200)).body.tags).toEqual([{ value: 'Launch', label: 'Launch' }]);

    // An edit without `tags` keeps them; with tags it replaces them.
    await agent.put(`/posts/${group}`).send({ type: 'schedule', date: IN_WEEK, posts: [entry(x, [{ id: postId, content: 'tagged, edited' }])] }).expect(200);
    expect((await listed()).tags.map((t) => t.tag.name)).toEqual(['Launch']);
    await agent.put(`/posts/${group}`).send({ type: 'schedule', date: IN_WEEK, tags: [{ value: 'p', label: 'Promo' }, { value: 'l', label: 'Launch' }], posts: [entry(x, [{ id: postId, content: 'retagged' }])] }).expect(200);
    expect((await listed()).tags.map((t) => t.tag.name)).toEqual(['Launch', 'Promo']);

    await agent.put(`/tags/${launch.id}`).send({ name: 'Big launch' }).expect(200);
    await agent.delete(`/tags/${promo.id}`).expect(200);
    expect((await listed()).tags.map((t) => t.tag.name)).toEqual(['Big launch']);
    expect(((await agent.get('/tags').expect(200)).body as { name: string }[]).map((t) => t.name)).toEqual(['Big launch']);
  });

  it('speaks them in the public API: customer on channels, groups, the customer filter, tags and creationMethod', async () => {
    const org = await publicOrg(backend, 'public-organizing', ['x', 'facebook']);
    const [x, fb] = org.channels;
    const client = api(backend, org.apiKey);
    const customer = (await org.agent.post('/customers').send({ name: 'Initech' }).expect(201)).body as { id: string };
    await org.agent.put(`/integrations/${x!.id}/customer`).send({ customerId: customer.id }).expect(200);
    await org.agent.post('/tags').send({ name: 'launch', color: '#123456' }).expect(201);

    const integrations = (await client.get('/integrations').expect(200)).body as Record<string, unknown>[];
    expect(integrations.find((c) => c['id'] === x!.id)?.['customer']).toEqual({ id: customer.id, name: 'Initech' });
    // The key is left out entirely for a channel without a customer (docs/public-api.md §2.1).
    expect(Object.keys(integrations.find((c) => c['id'] === fb!.id) ?? {})).not.toContain('customer');
    expect(((await client.get('/integrations').query({ group: customer.id }).expect(200)).body as { id: string }[]).map((c) => c.id)).toEqual([x!.id]);
    expect((await client.get('/groups').expect(200)).body).toEqual([{ id: customer.id, name: 'Initech' }]);

    const [byCli] = (await client.post('/posts').send(xPost(x!.id, 'from the CLI', { creationMethod: 'CLI', tags: [{ value: 'launch', label: 'launch' }] })).expect(201)).body as { postId: string }[];
    const [byApi] = (await client.post('/posts').send(xPost(x!.id, 'from a script', { creationMethod: 'WEB' })).expect(201)).body as { postId: string }[];
    const range = { startDate: FUTURE, endDate: FUTURE };
    const posts = (await client.get('/posts').query(range).expect(200)).body.posts as ListedPost[];
    expect(posts.find((p) => p.id === byCli!.postId)).toMatchObject({ creationMethod: 'CLI', tags: [{ tag: { name: 'launch', color: '#123456' } }] });
    expect(posts.find((p) => p.id === byApi!.postId)).toMatchObject({ creationMethod: 'API', tags: [] });
    expect(((await client.get('/posts').query({ ...range, customer: customer.id }).expect(200)).body.posts as unknown[]).length).toBe(2);
    const elsewhere = (await org.agent.post('/customers').send({ name: 'Empty' }).expect(201)).body as { id: string };
    expect((await client.get('/posts').query({ ...range, customer: elsewhere.id }).expect(200)).body.posts).toEqual([]);
  });
});
