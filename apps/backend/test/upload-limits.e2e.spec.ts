import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { PNG_1PX } from './posts-fixtures';
import { api, publicOrg } from './public-api.fixtures';

describe('upload quota and rate per organization', () => {
  let backend: TestBackend;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'herald-upload-limits-'));
    backend = await startTestBackend({ UPLOAD_DIRECTORY: directory, UPLOAD_QUOTA_MB: '1', UPLOAD_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await backend.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('answers the 4th upload of a minute with 429 upload_rate_limited and Retry-After', async () => {
    const { agent } = await signUp(backend, 'rate');
    for (let i = 0; i < 3; i += 1) await agent.post('/media/upload').attach('file', PNG_1PX, 'a.png').expect(201);
    const res = await agent.post('/media/upload').attach('file', PNG_1PX, 'a.png').expect(429);
    expect(res.body).toMatchObject({ code: 'upload_rate_limited' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another organization has its own allowance.
    const other = await signUp(backend, 'rate-other');
    await other.agent.post('/media/upload').attach('file', PNG_1PX, 'a.png').expect(201);
  });

  it('refuses an upload that would pass UPLOAD_QUOTA_MB with 413 upload_quota_exceeded naming used and limit', async () => {
    const { agent, organization } = await signUp(backend, 'quota');
    // 1 MB minus 10 bytes already stored: the 1-pixel PNG does not fit.
    await backend.db.media.create({ data: { organizationId: organization.id, name: 'big', fileKey: 'x', type: 'image/png', size: 1024 * 1024 - 10 } });
    const res = await agent.post('/media/upload').attach('file', PNG_1PX, 'a.png').expect(413);
    expect(res.body).toMatchObject({ code: 'upload_quota_exceeded', message: expect.stringMatching(/1 MB/) });
    expect(res.body.details[0].message).toBe(`used ${1024 * 1024 - 10} bytes, limit ${1024 * 1024} bytes`);
    expect(await backend.db.media.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it('refuses the public API upload of an organization at its quota, before reading the file', async () => {
    const { apiKey, orgId } = await publicOrg(backend, 'quota-api', []);
    await backend.db.media.create({ data: { organizationId: orgId, name: 'big', fileKey: 'x', type: 'image/png', size: 1024 * 1024 } });
    const res = await api(backend, apiKey).post('/upload').attach('file', PNG_1PX, 'a.png').expect(413);
    expect(res.body.message).toMatch(/1 MB of its 1 MB/);
  });
});
