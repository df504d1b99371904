import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type request from 'supertest';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, PNG_1PX } from './posts-fixtures';

const HEADER = 'date,channels,content,media,type';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'));
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Report {
  rows: { line: number; ok: boolean; errors: string[]; channels?: string[]; type?: string }[];
}

describe('CSV import', () => {
  let backend: TestBackend;
  let files: Server;
  let filesUrl: string;

  beforeAll(async () => {
    backend = await startTestBackend({ UPLOAD_FROM_URL_ALLOW_PRIVATE: 'true' });
    files = createServer((req, res) => {
      if (req.url === '/photo.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(PNG_1PX);
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => files.close(resolve));
    await backend.close();
  });

  const send = (agent: request.Agent, body: Buffer, dryRun: boolean) => agent.post(`/posts/import?dryRun=${dryRun}`).attach('file', body, { filename: 'posts.csv', contentType: 'text/csv' });

  async function organization(label: string) {
    const account = await signUp(backend, label);
    const x = await addChannel(backend, account.organization.id, 'x', { name: 'Bakery X' });
    const fb = await addChannel(backend, account.organization.id, 'facebook', { name: 'Bakery Page' });
    return { ...account, x, fb };
  }

  it('previews every row, creates nothing while one is invalid, then imports them all in one go', async () => {
    const { agent, organization: org, x, fb } = await organization('import');
    const bad = csv(`${ahead(2)},Bakery X|Bakery Page,"Fresh bread, ""warm""",,`, `${ahead(3)},Nowhere,Hello,,`, `2026-13-40 09:00,Bakery X,Hi,,draft`, `${ahead(4)},${x.id},"${'a'.repeat(300)}",,schedule`);
    const preview = (await send(agent, bad, true).expect(200)).body as Report;
    expect(preview.rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(preview.rows[0]?.channels).toEqual(['Bakery X', 'Bakery Page']);
    expect(preview.rows[1]?.errors.join()).toContain('no channel is named “Nowhere”');
    expect(preview.rows[2]?.errors.join()).toContain('is not a date');
    expect(preview.rows[3]?.errors.join()).toMatch(/Bakery X: .*280/);

    const refused = await send(agent, bad, false).expect(400);
    expect(refused.body).toMatchObject({ code: 'validation_failed', details: expect.arrayContaining([expect.objectContaining({ field: 'line 3' })]) });
    expect(await backend.db.post.count({ where: { organizationId: org.id } })).toBe(0);

    const good = csv(`${ahead(2)},Bakery X|Bakery Page,"Fresh bread, ""warm""",${filesUrl}/photo.png,`, `2031-05-01 09:30,${fb.id},"Two
lines",,draft`);
    const result = (await send(agent, good, false).expect(201)).body as { created: number; groups: string[] };
    expect(result).toMatchObject({ created: 3 });
    expect(result.groups).toHaveLength(2);
    const rows = await backend.db.post.findMany({ where: { organizationId: org.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.state).sort()).toEqual(['DRAFT', 'QUEUE', 'QUEUE']);
    const image = (rows[0]?.image as { path: string }[])[0]?.path ?? '';
    expect(image).toMatch(new RegExp(`^${backend.config.uploadsPublicUrl}/.*\\.png$`));
    expect(await backend.db.media.count({ where: { organizationId: org.id, deletedAt: null } })).toBe(1);
    // A wall-clock date is read in the person's zone (UTC for a new account).
    expect(rows.find((r) => r.state === 'DRAFT')?.publishDate.toISOString()).toBe('2031-05-01T09:30:00.000Z');
    expect(rows.find((r) => r.state === 'DRAFT')?.content).toBe('<p>Two</p><p>lines</p>');
  });

  it('takes an uploaded file of the organization by its address, and no other organization’s', async () => {
    const { agent } = await organization('import-media');
    const other = await signUp(backend, 'import-media-other');
    const mine = (await agent.post('/media/upload').attach('file', PNG_1PX, 'a.png').expect(201)).body as { path: string };
    const theirs = (await other.agent.post('/media/upload').attach('file', PNG_1PX, 'b.png').expect(201)).body as { path: string };
    const report = (await send(agent, csv(`${ahead(2)},Bakery X,with mine,${mine.path},`, `${ahead(2)},Bakery X,with theirs,${theirs.path},`, `${ahead(2)},Bakery X,a file,file:///etc/passwd,`), true).expect(200)).body as Report;
    expect(report.rows.map((r) => r.ok)).toEqual([true, false, false]);
    expect(report.rows[1]?.errors.join()).toContain('not in the organization');
  });

  it('creates nothing, and keeps no media, when a media URL cannot be fetched', async () => {
    const { agent, organization: org } = await organization('import-fetch');
    const file = csv(`${ahead(2)},Bakery X,ok,${filesUrl}/photo.png,`, `${ahead(2)},Bakery X,gone,${filesUrl}/missing.png,`);
    const res = await send(agent, file, false).expect(400);
    expect(JSON.stringify(res.body.details)).toContain('missing.png');
    expect(await backend.db.post.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await backend.db.media.count({ where: { organizationId: org.id, deletedAt: null } })).toBe(0);
  });

  it.each<[string, Buffer | string, string, number]>([
    ['no file', '', 'bad_request', 400],
    ['an empty file', Buffer.from(''), 'invalid_csv', 400],
    ['a header only', Buffer.from(HEADER), 'invalid_csv', 400],
    ['an unknown column', Buffer.from('date,channels,content,colour\n'), 'invalid_csv', 400],
    ['a missing column', Buffer.from('date,content\n'), 'invalid_csv', 400],
    ['an unclosed quote', Buffer.from(`${HEADER}\n2031-01-01 09:00,Bakery X,"oops\n`), 'invalid_csv', 400],
    ['5,001 rows', csv(...Array.from({ length: 5001 }, () => `${ahead(2)},Bakery X,hi,,`)), 'too_many_rows', 400],
  ])('refuses %s', async (_case, body, code, status) => {
    const { agent, organization: org } = await organization('import-bad');
    const req = agent.post('/posts/import?dryRun=false');
    const res = await (typeof body === 'string' ? req.send({}) : req.attach('file', body, { filename: 'x.csv', contentType: 'text/csv' })).expect(status);
    expect(res.body).toMatchObject({ code });
    expect(await backend.db.post.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('refuses a dryRun that is not true or false', async () => {
    const { agent } = await organization('import-dry');
    expect((await agent.post('/posts/import?dryRun=maybe').attach('file', csv(), 'x.csv').expect(400)).body).toMatchObject({ code: 'validation_failed' });
  });
});
