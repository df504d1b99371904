#!/usr/bin/env node
// Where a V8 CPU profile (`node --cpu-prof`) spent its time: self time per part (package or Herald library) and the
// top functions, as percentages of the sampled non-idle time.
//   node bench/lib/profile-summary.mjs FILE.cpuprofile [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i += 1) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));

function part(url, name) {
  if (!url) return name === '(garbage collector)' ? 'gc' : name.startsWith('(') ? name : 'native/builtin';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/(libraries|apps)\/([^/]+)\//.exec(url);
  if (lib) return `herald ${lib[2]}`;
  if (url.startsWith('node:')) return 'node core';
  return url;
}

const parts = new Map();
const fns = new Map();
let total = 0;
for (const [id, us] of self) {
  const n = byId.get(id);
  const { functionName, url, lineNumber } = n.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') continue;
  total += us;
  const p = part(url, functionName);
  parts.set(p, (parts.get(p) ?? 0) + us);
  const key = `${functionName || '(anonymous)'} ${p}:${lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`busy ${(total / 1000).toFixed(0)} ms sampled`);
for (const [p, us] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(us)}  ${p}`);
console.log('--');
for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) console.log(`${pct(us)}  ${f}`);
