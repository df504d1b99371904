// Builds the dashboard when `.next` is missing or stale: older than its sources, or built for another API URL
// (NEXT_PUBLIC_BACKEND_URL is inlined at build time).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR, ROOT } from './stack.mjs';

const STAMP = path.join(FRONTEND_DIR, '.next', 'herald-build.json');
const INPUTS = [path.join(FRONTEND_DIR, 'src'), path.join(FRONTEND_DIR, 'next.config.ts'), path.join(FRONTEND_DIR, 'package.json'), path.join(ROOT, 'libraries', 'shared', 'src')];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

export function ensureFrontendBuild(backendUrl, log) {
  const inputs = Math.max(...INPUTS.map(newestMtime));
  let stamp = null;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    stamp = null;
  }
  const fresh = stamp && stamp.backendUrl === backendUrl && stamp.inputs >= inputs && existsSync(path.join(FRONTEND_DIR, '.next', 'BUILD_ID'));
  if (fresh) {
    log(`frontend build is fresh (API ${backendUrl})`);
    return false;
  }
  log(`building the frontend for ${backendUrl} (${stamp ? 'stale' : 'no usable build'})`);
  const started = Date.now();
  const nextBin = path.join(FRONTEND_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: FRONTEND_DIR,
    env: { ...process.env, NODE_ENV: 'production', NEXT_PUBLIC_BACKEND_URL: backendUrl, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
  writeFileSync(STAMP, JSON.stringify({ backendUrl, inputs, builtAt: new Date().toISOString() }));
  log(`frontend built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
