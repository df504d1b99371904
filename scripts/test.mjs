#!/usr/bin/env node
// `npm test`: every check CI runs, on a fresh clone too. It installs dependencies, starts Postgres and
// Redis when they are not running, recreates an isolated test database, applies the migrations, then runs
// the typecheck, the lint, every jest spec (real Postgres, real Redis, the platform sandbox), the browser
// tests and the benchmarks' quick modes. It ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  DATA,
  ROOT,
  ensureDebianPackages,
  ensureInstalled,
  fail,
  flushRedisDatabase,
  log,
  pnpm,
  portOpen,
  sql,
  startPostgresProcess,
  startRedis,
  waitFor,
  which,
  withDatabase,
} from './lib/toolbox.mjs';

const args = new Set(process.argv.slice(2));
const only = [...args].filter((a) => !a.startsWith('--'));
const stopAfter = [];

async function ensurePostgres() {
  if (process.env.TEST_DATABASE_ADMIN_URL) return process.env.TEST_DATABASE_ADMIN_URL;
  if (await portOpen(5432)) return 'postgres://postgres@127.0.0.1:5432/postgres';
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (clusters.length > 0 && which('pg_ctlcluster')) {
    log(`starting the system Postgres ${clusters[0]}`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'start'], { stdio: 'inherit' });
    try {
      await waitFor(() => portOpen(5432), { timeoutMs: 20000, what: 'Postgres' });
      return 'postgres://postgres@127.0.0.1:5432/postgres';
    } catch {
      log('the system Postgres did not start; using an embedded one');
    }
  }
  log('starting an embedded Postgres for the tests');
  const pg = await startPostgresProcess(path.join(DATA, 'test-postgres'), 54329);
  stopAfter.push(pg.stop);
  return `${pg.url}/postgres`;
}

async function ensureRedis() {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  if (await portOpen(6379)) return 'redis://127.0.0.1:6379';
  log('starting redis-server for the tests');
  ensureDebianPackages({ 'redis-server': 'redis-server' }, { why: 'Redis for the tests' });
  const redis = await startRedis(path.join(DATA, 'test-redis'), 6379, { persist: false });
  if (!redis) fail('Redis is not running and redis-server is not installed. Install it (apt-get install redis-server) or set TEST_REDIS_URL.');
  stopAfter.push(redis.stop);
  return redis.url;
}

const results = [];
function stage(name, command, commandArgs, env = {}) {
  if (only.length > 0 && !only.includes(name)) return;
  log(`── ${name}: ${[command, ...commandArgs].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  log(`── ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

/**
 * Programs the stages run that come from Debian rather than npm (the image stage checks the Dockerfile's own apt
 * line itself). A new machine of this kind has apt-get but not these packages; README.md lists them.
 */
const DEBIAN_TOOLS = {
  browser: { '/usr/bin/chromium': 'chromium' },
  bench: { 'redis-server': 'redis-server' },
  // libraries/database/src/pgbouncer.spec.ts runs Herald's statements through a real PgBouncer (transaction mode);
  // the media specs read a real video's duration and codecs with ffprobe (Debian's ffmpeg package).
  jest: { '/usr/sbin/pgbouncer': 'pgbouncer', ffprobe: 'ffmpeg' },
};

function ensureStageTools() {
  for (const [name, programs] of Object.entries(DEBIAN_TOOLS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const missing = ensureDebianPackages(programs, { why: `the ${name} stage` });
    if (missing.length > 0) log(`the ${name} stage will fail: ${missing.join(', ')} missing`);
  }
}

async function main() {
  const t0 = Date.now();
  ensureInstalled();
  ensureStageTools();
  const [pnpmCmd, ...pnpmPrefix] = pnpm();
  const adminUrl = await ensurePostgres();
  const redisBase = await ensureRedis();

  const dbName = process.env.HERALD_TEST_DB ?? 'herald_test';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) fail('HERALD_TEST_DB must be a plain lower-case identifier');
  const databaseUrl = withDatabase(adminUrl, dbName);
  log(`recreating the isolated test database ${dbName}`);
  await sql(adminUrl, [`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, `CREATE DATABASE ${dbName}`]);
  // The backend specs share this Redis database: empty it too, so that nothing of an earlier run (the attempt
  // throttles' hourly counters, say) carries into this one.
  const redisUrl = `${redisBase.replace(/\/\d*$/, '')}/5`;
  await flushRedisDatabase(redisUrl);
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEST_DATABASE_ADMIN_URL: adminUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'error',
    NEXT_TELEMETRY_DISABLED: '1',
  };

  stage('build', pnpmCmd, [...pnpmPrefix, '-r', '--filter', '!@herald/frontend', 'build'], env);
  stage('migrate', process.execPath, ['libraries/database/dist/migrate-cli.js'], env);
  stage('typecheck', pnpmCmd, [...pnpmPrefix, 'run', 'typecheck'], env);
  stage('lint', pnpmCmd, [...pnpmPrefix, 'run', 'lint'], env);
  // Known high/critical advisories in the lockfile fail it; an unreachable or unwilling registry only warns.
  stage('audit', process.execPath, ['scripts/audit.mjs'], env);

  const jestReport = path.join(DATA, 'jest-report.json');
  mkdirSync(DATA, { recursive: true });
  rmSync(jestReport, { force: true });
  stage('jest', pnpmCmd, [...pnpmPrefix, 'exec', 'jest', '--ci', '--forceExit', '--json', `--outputFile=${jestReport}`], env);

  // The Dockerfile's commands (frozen install, build, production prune, start each app) in a clean copy.
  stage('image', process.execPath, ['test/deploy/image-commands.mjs'], env);

  for (const script of ['apps/frontend/e2e/run.mjs', 'bench/run-quick.mjs']) {
    if (existsSync(path.join(ROOT, script))) stage(path.basename(path.dirname(script)) === 'e2e' ? 'browser' : 'bench', process.execPath, [script, '--quick'], env);
  }

  for (const stop of stopAfter.reverse()) await stop();

  let passed = 0;
  let failed = 0;
  if (existsSync(jestReport)) {
    const report = JSON.parse(readFileSync(jestReport, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  }
  for (const r of results.filter((x) => x.name !== 'jest')) r.ok ? (passed += 1) : (failed += 1);
  const jestStage = results.find((r) => r.name === 'jest');
  if (jestStage && !jestStage.ok && failed === 0) failed += 1;
  log(`stages: ${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds.toFixed(0)} s)`).join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
