import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectChannel, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from '../../apps/workers/test/support/harness';
import { type AppProcess, connectionRefused, ensureBuilt, freePort, startApp } from './processes';

/** A redis-server of this spec's own (every database of the shared test Redis belongs to another spec file). */
async function startRedisServer(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor('redis-server to accept connections', async () => !(await connectionRefused(port)), 10_000);
  return { url: `redis://127.0.0.1:${port}/0`, child };
}

// HERALD_PROCESSES=all-in-one as `npm start` runs it: the built apps/all-in-one (API, workers and cron in one
// process). A post made through the HTTP API, due now, is published to the sandbox by the same process; SIGTERM
// then stops it cleanly.
describe('the all-in-one process', () => {
  let h: Harness;
  let dir: string;
  let redis: { url: string; child: ChildProcess } | undefined;
  let herald: AppProcess | undefined;

  beforeAll(async () => {
    ensureBuilt('all-in-one');
    dir = mkdtempSync(path.join(tmpdir(), 'herald-all-in-one-'));
    redis = await startRedisServer(dir);
    h = await startHarness({ database: 'herald_deploy_all_in_one', redisDb: 0, env: { REDIS_URL: redis.url } });
  }, 90_000);

  afterAll(async () => {
    if (herald && herald.child.exitCode === null) {
      herald.child.kill('SIGKILL');
      await herald.exit;
    }
    await h?.close();
    redis?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a post created through the API, due now, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const backendUrl = `http://127.0.0.1:${port}`;
    const origin = h.env.FRONTEND_URL ?? '';
    herald = startApp(
      ensureBuilt('all-in-one'),
      {
        ...h.env,
        NODE_ENV: 'production',
        PORT: String(port),
        JWT_SECRET: randomBytes(48).toString('base64url'),
        NEXT_PUBLIC_BACKEND_URL: backendUrl,
        BACKEND_INTERNAL_URL: backendUrl,
        UPLOAD_DIRECTORY: path.join(dir, 'uploads'),
        NODE_EXTRA_CA_CERTS: h.sandbox.caCertPath,
        LOG_LEVEL: 'info',
      },
      dir,
    );
    const running = herald;
    await running.waitForOutput(/herald all-in-one ready/, 90_000);
    expect(running.output()).toMatch(/publish worker ready/);
    expect(running.output()).toMatch(/cron started/);

    const registered = await fetch(`${backendUrl}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: `aio-${randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery', company: 'All in one' }),
    });
    expect(registered.status).toBe(201);
    const cookie = (registered.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { organization } = (await registered.json()) as { organization: { id: string } };
    const channel = await connectChannel(h, 'x', { organizationId: organization.id });

    const text = unique('published by the all-in-one process');
    const created = await fetch(`${backendUrl}/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({
        type: 'now',
        date: new Date().toISOString(),
        shortLink: false,
        tags: [],
        posts: [{ integration: { id: channel.id }, value: [{ content: text, image: [] }], settings: { who_can_reply_post: 'everyone' } }],
      }),
    });
    const body = (await created.json()) as Array<{ postId: string }>;
    expect([created.status, body]).toEqual([201, [expect.objectContaining({ postId: expect.any(String) })]]);
    const postId = body[0]?.postId ?? '';

    const published = await waitForState(h, postId, ['PUBLISHED', 'ERROR', 'UNCONFIRMED'], 60_000);
    expect(published).toMatchObject({ state: 'PUBLISHED', leaseOwner: null, releaseId: ledgerWith(h, text)[0]?.releaseId });
    expect(ledgerWith(h, text)).toHaveLength(1);

    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.output()).toMatch(/stopping: no new requests, no new jobs, no new cron runs/);
    expect(await connectionRefused(port)).toBe(true);
  }, 150_000);
});
