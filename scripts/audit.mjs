#!/usr/bin/env node
// The `audit` stage of `npm test`: the lockfile's packages against the registry's security advisories. Fails on a
// known advisory of high or critical severity; when the registry cannot be reached or answers an error (a mirror
// without the audit endpoints answers 405), prints a warning and passes, since that says nothing about the packages.
//   node scripts/audit.mjs
// First `pnpm audit --audit-level high` (the pinned pnpm); when its endpoint is unusable, npm's bulk advisory
// endpoint (POST <registry>/-/npm/v1/security/advisories/bulk) with every name@version of pnpm-lock.yaml.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pnpm, ROOT } from './lib/toolbox.mjs';

const FAILING = new Set(['high', 'critical']);
const log = (message) => console.log(`[audit] ${message}`);
const warnAndPass = (why) => {
  console.log(`[audit] warning: ${why}; the dependency audit is skipped (passes).`);
  process.exit(0);
};

/** name -> versions, from pnpm-lock.yaml's `packages:` keys (`name@version` or `'@scope/name@version'`). */
export function lockfilePackages(text) {
  const packages = new Map();
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPackages = line.startsWith('packages:');
    if (!inPackages) continue;
    const match = /^ {2}'?((?:@[^@/\s]+\/)?[^@\s']+)@([^('\s:]+)/.exec(line);
    if (!match) continue;
    const [, name, version] = match;
    if (!packages.has(name)) packages.set(name, new Set());
    packages.get(name).add(version);
  }
  return Object.fromEntries([...packages].map(([name, versions]) => [name, [...versions]]));
}

function report(findings) {
  const serious = findings.filter((f) => FAILING.has(f.severity));
  for (const f of findings) log(`${f.severity.padEnd(8)} ${f.name} ${f.range ?? ''}: ${f.title} ${f.url ?? ''}`);
  if (serious.length > 0) {
    log(`${serious.length} high or critical advisories: update those packages (node scripts/pnpm.mjs update <name>) or pin a fixed version.`);
    process.exit(1);
  }
  log(`no high or critical advisory (${findings.length} lower ones)`);
  process.exit(0);
}

function pnpmAudit() {
  const [command, ...prefix] = pnpm();
  const result = spawnSync(command, [...prefix, 'audit', '--audit-level', 'high', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  let body;
  try {
    body = JSON.parse(result.stdout);
  } catch {
    return { unusable: `pnpm audit gave no JSON (exit ${result.status ?? result.signal})` };
  }
  if (body.error) return { unusable: `pnpm audit: ${body.error.code}: ${String(body.error.message).slice(0, 200)}` };
  const advisories = Object.values(body.advisories ?? {});
  return {
    findings: advisories.map((a) => ({ name: a.module_name, severity: a.severity, title: a.title, url: a.url, range: a.vulnerable_versions })),
  };
}

async function bulkAudit() {
  const [command, ...prefix] = pnpm();
  // HERALD_AUDIT_REGISTRY: another registry (or a fake one, to see the stage fail).
  const configured = process.env.HERALD_AUDIT_REGISTRY ?? spawnSync(command, [...prefix, 'config', 'get', 'registry'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 }).stdout?.trim();
  const registry = (configured && /^https?:\/\//.test(configured) ? configured : 'https://registry.npmjs.org/').replace(/\/?$/, '/');
  const packages = lockfilePackages(readFileSync(path.join(ROOT, 'pnpm-lock.yaml'), 'utf8'));
  let response;
  try {
    response = await fetch(`${registry}-/npm/v1/security/advisories/bulk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(packages),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return { unusable: `the bulk advisory endpoint of ${registry} could not be reached (${error?.cause?.code ?? error?.message ?? error})` };
  }
  if (!response.ok) return { unusable: `the bulk advisory endpoint of ${registry} answered ${response.status}` };
  const body = await response.json().catch(() => null);
  if (!body || typeof body !== 'object') return { unusable: 'the bulk advisory endpoint answered no JSON' };
  return {
    findings: Object.entries(body).flatMap(([name, list]) =>
      (Array.isArray(list) ? list : []).map((a) => ({ name, severity: a.severity, title: a.title, url: a.url, range: a.vulnerable_versions })),
    ),
  };
}

async function main() {
  const first = pnpmAudit();
  if (first.findings) return report(first.findings);
  log(`${first.unusable}; trying the bulk advisory endpoint`);
  const second = await bulkAudit();
  if (second.findings) return report(second.findings);
  warnAndPass(`${first.unusable}; ${second.unusable}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => warnAndPass(`the audit could not run (${error?.message ?? error})`));
}
