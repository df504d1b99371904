import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { channelTokenContext, decryptChannelTokens, encryptChannelTokens, previewTokenContext, rotateSecrets, webhookSecretContext } from '@herald/core';
import { encryptV1ForTests, TokenCipher } from '@herald/crypto';
import { createDatabase, type Database, SECRET_COLUMNS, SecretsRepository } from '@herald/database';
import { freshDatabase } from '../../workers/test/support/harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');

/** `npm run rotate-keys` as an operator runs it (from the TypeScript sources: no build needed). */
async function rotateKeys(databaseUrl: string, args: string[] = []): Promise<{ code: number; out: string }> {
  const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', ENCRYPTION_KEY: NEW, ENCRYPTION_KEYS_PREVIOUS: OLD };
  const script = [path.join(ROOT, 'apps/workers/test/support/register-ts.cjs'), path.join(ROOT, 'apps/cron/src/rotate-keys.ts')];
  try {
    const { stdout } = await run(process.execPath, ['--require', script[0] ?? '', script[1] ?? '', ...args], { env, cwd: tmpdir() });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
  }
}

interface Seeded {
  channels: { id: string; organizationId: string; providerIdentifier: string; internalId: string; access: string; refresh: string | null; secret: string | null }[];
  webhook: { id: string; secret: string };
  preview: { id: string; token: string; tokenHash: string };
}

/** Rows as older Herald versions left them: v1 values under the old key, v2 under the old key, one already current. */
async function seed(db: Database): Promise<Seeded> {
  const old = new TokenCipher(OLD);
  const current = new TokenCipher(NEW);
  const organizationId = (await db.organization.create({ data: { name: 'rotation' } })).id;
  const channels: Seeded['channels'] = [];
  for (let i = 0; i < 7; i += 1) {
    const channel = { organizationId, providerIdentifier: i % 2 === 0 ? 'x' : 'facebook', internalId: `acct-${i}` };
    const access = `access-${i}-${randomUUID()}`;
    const refresh = i % 3 === 0 ? null : `refresh-${i}`;
    const secret = channel.providerIdentifier === 'x' ? `secret-${i}` : null;
    const stored =
      i < 3
        ? { token: encryptV1ForTests(OLD, access), tokenSecret: secret ? encryptV1ForTests(OLD, secret) : null, refreshToken: refresh ? encryptV1ForTests(OLD, refresh) : null }
        : i < 6
          ? encryptChannelTokens({ accessToken: access, ...(secret ? { accessSecret: secret } : {}), ...(refresh ? { refreshToken: refresh } : {}) }, old, channel)
          : encryptChannelTokens({ accessToken: access, ...(secret ? { accessSecret: secret } : {}), ...(refresh ? { refreshToken: refresh } : {}) }, current, channel);
    const row = await db.integration.create({ data: { ...channel, name: `channel ${i}`, ...stored, deletedAt: i === 4 ? new Date() : null } });
    channels.push({ id: row.id, ...channel, access, refresh, secret });
  }
  // A channel whose data Meta asked to delete: its token is emptied, nothing to rotate.
  await db.integration.create({ data: { organizationId, providerIdentifier: 'facebook', internalId: 'erased', name: 'Deleted account', token: '', deletedAt: new Date() } });
  const webhook = { id: randomUUID(), secret: `whsec_${randomUUID()}` };
  await db.webhook.create({ data: { id: webhook.id, organizationId, name: 'hook', url: 'https://hooks.example.com/h', secret: encryptV1ForTests(OLD, webhook.secret) } });
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const link = await db.previewLink.create({ data: { organizationId, group: randomUUID(), tokenHash, tokenCipher: old.encrypt(token, previewTokenContext(tokenHash)) } });
  return { channels, webhook, preview: { id: link.id, token, tokenHash } };
}

/** Every value is under the new key in the v2 format, and the new key alone reads what was stored. */
async function expectAllCurrent(db: Database, seeded: Seeded): Promise<void> {
  const only = new TokenCipher(NEW);
  for (const channel of seeded.channels) {
    const row = await db.integration.findUniqueOrThrow({ where: { id: channel.id } });
    for (const value of [row.token, row.tokenSecret, row.refreshToken]) if (value !== null) expect(value.startsWith(only.currentPrefix)).toBe(true);
    expect(decryptChannelTokens(row, only)).toEqual({
      accessToken: channel.access,
      ...(channel.secret ? { accessSecret: channel.secret } : {}),
      ...(channel.refresh ? { refreshToken: channel.refresh } : {}),
    });
  }
  const hook = await db.webhook.findUniqueOrThrow({ where: { id: seeded.webhook.id } });
  expect(only.decrypt(hook.secret, webhookSecretContext(hook.id))).toBe(seeded.webhook.secret);
  const link = await db.previewLink.findUniqueOrThrow({ where: { id: seeded.preview.id } });
  expect(only.decrypt(link.tokenCipher, previewTokenContext(seeded.preview.tokenHash))).toBe(seeded.preview.token);
}

async function countNeedingRotation(db: Database): Promise<number> {
  const secrets = new SecretsRepository(db);
  let count = 0;
  for (const column of SECRET_COLUMNS) count += (await secrets.needingRotation(column, new TokenCipher(NEW).currentPrefix, null, 1000)).length;
  return count;
}

describe('npm run rotate-keys', () => {
  let db: Database;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await freshDatabase('herald_rotate_keys');
    db = createDatabase(databaseUrl, { max: 2 });
  }, 60_000);
  afterAll(async () => {
    await db.$disconnect();
  });
  beforeEach(async () => {
    await db.organization.deleteMany({});
  });

  it('re-encrypts every secret under the current key; stopped midway it finishes when run again; a second run changes nothing', async () => {
    const seeded = await seed(db);
    const before = await countNeedingRotation(db);
    // The six old channels' 6 tokens, 3 token secrets and 4 refresh tokens, the webhook's secret, the preview link's token.
    expect(before).toBe(15);

    const partial = await rotateKeys(databaseUrl, ['--batch-size=2', '--max-batches=3']);
    expect(partial).toMatchObject({ code: 0, out: expect.stringContaining('stopped by --max-batches') });
    const left = await countNeedingRotation(db);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(before);

    const rest = await rotateKeys(databaseUrl);
    expect(rest.code).toBe(0);
    expect(rest.out).toContain(`${left} re-encrypted, 0 changed meanwhile (already current), 0 unreadable`);
    await expectAllCurrent(db, seeded);

    const again = await rotateKeys(databaseUrl);
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('0 re-encrypted, 0 changed meanwhile (already current), 0 unreadable') });
  }, 60_000);

  it('never overwrites a value a writer changed between the read and the write', async () => {
    const seeded = await seed(db);
    const cipher = new TokenCipher(NEW, [OLD]);
    const real = new SecretsRepository(db);
    const target = seeded.channels[0]!;
    const refreshed = encryptChannelTokens({ accessToken: 'refreshed-meanwhile' }, cipher, target).token;
    // A token refresh lands just before the rotation writes that row.
    const racing = Object.assign(Object.create(real) as SecretsRepository, {
      replace: async (...args: Parameters<SecretsRepository['replace']>) => {
        const [column, id] = args;
        if (column.table === 'integration' && column.column === 'token' && id === target.id) await db.integration.update({ where: { id }, data: { token: refreshed } });
        return real.replace(...args);
      },
    });
    const result = await rotateSecrets({ secrets: racing, cipher }, { batchSize: 3 });
    expect(result).toMatchObject({ changedMeanwhile: 1, unreadable: 0, more: false });
    const row = await db.integration.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.token).toBe(refreshed);
    expect(new TokenCipher(NEW).decrypt(row.token, channelTokenContext(row, 'token'))).toBe('refreshed-meanwhile');
  });

  it('tokens swapped between two channels by a database writer do not decrypt', async () => {
    const seeded = await seed(db);
    const [a, b] = [seeded.channels[3]!, seeded.channels[5]!];
    const rowA = await db.integration.findUniqueOrThrow({ where: { id: a.id } });
    const rowB = await db.integration.findUniqueOrThrow({ where: { id: b.id } });
    await db.integration.update({ where: { id: a.id }, data: { token: rowB.token } });
    const swapped = await db.integration.findUniqueOrThrow({ where: { id: a.id } });
    const cipher = new TokenCipher(NEW, [OLD]);
    expect(() => decryptChannelTokens(swapped, cipher)).toThrow(expect.objectContaining({ reason: 'tampered_or_wrong_key' }));
    expect(decryptChannelTokens(rowA, cipher).accessToken).toBe(a.access);
    // The rotation does not launder it either: it is reported, and left as it is.
    const result = await rotateSecrets({ secrets: new SecretsRepository(db), cipher });
    expect(result.unreadable).toBe(1);
    expect((await db.integration.findUniqueOrThrow({ where: { id: a.id } })).token).toBe(rowB.token);
  });
});
