import { type ChildProcess, fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectChannel, createPost, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';

const MAIN = path.join(__dirname, '../src/main.ts');
const REGISTER = path.join(__dirname, 'support/register-ts.cjs');

const children: ChildProcess[] = [];

function runMain(env: Record<string, string>): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  // A clean environment and a folder without .env: only what the spec passes reaches the process.
  const child = fork(MAIN, [], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: tmpdir(), execArgv: ['--require', REGISTER], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

describe('workers main', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_main', redisDb: 9 });
  }, 60_000);

  afterAll(async () => {
    // A failed spec must not leave a worker behind to steal the next run's jobs.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await h?.close();
  });

  it('stops at boot with the list of environment problems', async () => {
    const run = runMain({ ENCRYPTION_KEY: 'too-short', REDIS_URL: 'http://nope' });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('DATABASE_URL is required');
    expect(run.stderr()).toContain('REDIS_URL must start with redis://');
    expect(run.stderr()).toContain('ENCRYPTION_KEY must be 32 random bytes');
  });

  it('lets the publish in flight finish on SIGTERM, then exits cleanly', async () => {
    const channel = await connectChannel(h, 'x');
    h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', action: { type: 'delay', ms: 2_000 }, count: 1 });
    const run = runMain({ ...h.env, NODE_EXTRA_CA_CERTS: h.sandbox.caCertPath, LOG_LEVEL: 'info' });
    const text = unique('in flight at SIGTERM');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: new Date() });
    await waitFor('the tweet to reach the sandbox', () => Promise.resolve(ledgerWith(h, text).length === 1), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; workers stderr: ${run.stderr()}`);
    });
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR', 'PUBLISHING', 'UNCONFIRMED'], 5_000);
    expect(post).toMatchObject({ state: 'PUBLISHED', releaseId: ledgerWith(h, text)[0]?.releaseId, leaseOwner: null });
    // Recorded by the worker itself, not rebuilt by an outcome check.
    expect(h.sandbox.ledger.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/2/users/${channel.internalId}/tweets`))).toBe(false);
  }, 60_000);
});
