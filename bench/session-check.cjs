// How long the session guard's account lookup takes: from the database (what every request did before) and from
// Redis (SessionUserCache: revocation + cached account in one script). Against herald_test and the test Redis.
//   DATABASE_URL=… REDIS_URL=… node bench/session-check.cjs
const { AccountsRepository, createDatabase } = require('../libraries/database/dist/index.js');
const { createRedis } = require('../libraries/core/dist/index.js');
const { SessionUserCache } = require('../apps/backend/dist/common/session-user-cache.js');

async function time(label, n, fn) {
  const t = [];
  for (let i = 0; i < n + 20; i += 1) {
    const s = performance.now();
    await fn();
    if (i >= 20) t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(`${label}: p50 ${t[Math.floor(n / 2)].toFixed(2)} ms, p95 ${t[Math.floor(n * 0.95)].toFixed(2)} ms`);
}

(async () => {
  const db = createDatabase(process.env.DATABASE_URL);
  const redis = createRedis(process.env.REDIS_URL, 'session-check');
  const accounts = new AccountsRepository(db);
  const cache = new SessionUserCache(redis);
  const [row] = await db.userOrganization.findMany({ take: 1, select: { userId: true } });
  if (!row) throw new Error('no user in the database: run a spec first');
  const user = await accounts.findUserWithMemberships(row.userId);
  const { generation } = await cache.lookup('bench', row.userId);
  await cache.store(generation, user);
  for (let round = 0; round < 3; round += 1) {
    await time('before: Redis EXISTS + findUserWithMemberships', 300, async () => {
      await redis.exists('herald:session:revoked:bench');
      await accounts.findUserWithMemberships(row.userId);
    });
    await time('after: SessionUserCache.lookup (one script)', 300, () => cache.lookup('bench', row.userId));
  }
  await db.$disconnect();
  redis.disconnect();
})();
