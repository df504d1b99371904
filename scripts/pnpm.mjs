#!/usr/bin/env node
// `node scripts/pnpm.mjs <args>`: the pinned pnpm, from PATH or through npx (scripts/lib/toolbox.mjs), for callers
// that cannot import an ES module (the jest specs' helpers).
import { spawnSync } from 'node:child_process';
import { pnpm, ROOT } from './lib/toolbox.mjs';

const [command, ...prefix] = pnpm();
const result = spawnSync(command, [...prefix, ...process.argv.slice(2)], { cwd: process.cwd() || ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
