import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMigrations } from './migrate';
import { createDatabase, type Database } from './prisma-client';
import { calendarJsonQuery, PostsRepository } from './repositories/posts.repository';
import { publishingRepositories } from './repositories/publishing-repositories';
import { WebhooksRepository } from './repositories/webhooks.repository';

// Herald behind a real PgBouncer in transaction mode (docs/pgbouncer.md), where a statement prepared on one server
// connection is unknown on the next: with `?pgbouncer=true` every statement goes unnamed. The pool has 2 server
// connections and the client up to 6, so consecutive statements land on different server connections.
const PGBOUNCER = '/usr/sbin/pgbouncer';
const present = existsSync(PGBOUNCER);
if (!present) {
  process.stdout.write(`pgbouncer.spec: skipped, ${PGBOUNCER} is missing (Debian package pgbouncer; scripts/test.mjs installs it for the jest stage)\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

(present ? describe : describe.skip)('Herald through PgBouncer in transaction mode', () => {
  const direct = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_test');
  let dir: string;
  let bouncer: ChildProcess;
  let url: string;
  let db: Database;

  beforeAll(async () => {
    await runMigrations(direct.toString());
    dir = mkdtempSync(path.join(tmpdir(), 'herald-pgbouncer-'));
    const port = await freePort();
    const user = decodeURIComponent(direct.username || 'postgres');
    writeFileSync(path.join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(direct.password)}"\n`);
    writeFileSync(
      path.join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `herald = host=${direct.hostname} port=${direct.port || '5432'} dbname=${direct.pathname.slice(1)}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        `auth_type = ${direct.password ? 'plain' : 'trust'}`,
        `auth_file = ${path.join(dir, 'users.txt')}`,
        'pool_mode = transaction',
        'default_pool_size = 2',
        'max_client_conn = 50',
        'ignore_startup_parameters = extra_float_digits,options',
        '',
      ].join('\n'),
    );
    // PgBouncer refuses to run as root: as root it drops to `nobody`, which must be able to read the files.
    chmodSync(dir, 0o755);
    for (const file of ['users.txt', 'pgbouncer.ini']) chmodSync(path.join(dir, file), 0o644);
    const asRoot = process.getuid?.() === 0;
    bouncer = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'nobody'] : []), path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
    const via = new URL(direct.toString());
    via.hostname = '127.0.0.1';
    via.port = String(port);
    via.pathname = '/herald';
    via.searchParams.set('pgbouncer', 'true');
    url = via.toString();
    for (let i = 0; ; i += 1) {
      const probe = createDatabase(url, { max: 1 });
      try {
        await probe.$queryRawUnsafe('SELECT 1');
        break;
      } catch (error) {
        if (i > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await probe.$disconnect();
      }
    }
    db = createDatabase(url, { max: 6 });
  });

  afterAll(async () => {
    await db?.$disconnect();
    bouncer?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the migrations through it (one transaction, a transaction-level lock)', async () => {
    const result = await runMigrations(url);
    expect(result.applied).toEqual([]);
    expect(result.total).toBeGreaterThan(0);
  });

  it('creates a post, reads it in the calendar, and takes it through the publishing statements, many times over', async () => {
    const organization = await db.organization.create({ data: { name: `bouncer ${randomUUID().slice(0, 6)}` } });
    const integration = await db.integration.create({ data: { organizationId: organization.id, internalId: randomUUID(), name: 'ch', providerIdentifier: 'x', token: 'v1.cipher' } });
    const repo = publishingRepositories(db);
    const webhooks = new WebhooksRepository(db);
    const posts = new PostsRepository(db);
    const start = new Date(Date.now() - 3_600_000);
    // More rounds than server connections, concurrently: every named statement would be reused on a connection
    // that never prepared it.
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const row = await db.post.create({ data: { organizationId: organization.id, integrationId: integration.id, group: randomUUID(), content: `hello ${i}`, publishDate: new Date(Date.now() - 1_000) } });
        const found = await repo.leases.findPost(organization.id, row.id);
        expect(found?.id).toBe(row.id);
        const now = new Date();
        expect(await repo.leases.takeLease(row, 'bouncer', new Date(now.getTime() + 60_000), now)).toBe(true);
        const recorded = await repo.publications.recordPublished([{ postId: row.id, release: { releaseId: String(i), releaseURL: `https://x.example/${i}`, publishedAt: now } }], 'bouncer');
        expect(recorded.has(row.id)).toBe(true);
        expect(await repo.publications.scheduleNextChild(row.id, now)).toBeNull();
        await webhooks.listSubscribers(organization.id);
      }),
    );
    const calendar = JSON.parse(await posts.listCalendarJson(organization.id, start, new Date(Date.now() + 3_600_000))) as { posts: { state: string }[] };
    expect(calendar.posts).toHaveLength(12);
    expect(calendar.posts.every((p) => p.state === 'PUBLISHED')).toBe(true);
    const [rows] = await db.$queryRaw<{ body: string }[]>(calendarJsonQuery(organization.id, start, new Date(Date.now() + 3_600_000)));
    expect(rows?.body).toContain('"state":"PUBLISHED"');
  });
});
