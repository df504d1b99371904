// Next 16 no longer prints "First Load JS" after a build; this measures it from a running `next start`:
// the scripts each route's HTML loads before it is interactive, raw and gzipped.
// Usage: node scripts/first-load-js.mjs [baseUrl]
import { gzipSync } from 'node:zlib';

const base = process.argv[2] ?? 'http://localhost:4200';
const routes = ['/login', '/register', '/calendar', '/channels', '/channels/example/pages', '/integrations/social/x', '/settings', '/_not-found'];
const cache = new Map();

async function size(src) {
  if (!cache.has(src)) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    cache.set(src, { raw: body.length, gzip: gzipSync(body).length });
  }
  return cache.get(src);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log('route'.padEnd(30), 'scripts', 'raw'.padStart(10), 'gzip'.padStart(10));
for (const route of routes) {
  const html = await (await fetch(new URL(route, base))).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((match) => match[1]))];
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const measured = await size(src);
    raw += measured.raw;
    gzip += measured.gzip;
  }
  console.log(route.padEnd(30), String(scripts.length).padStart(7), kb(raw).padStart(10), kb(gzip).padStart(10));
}
