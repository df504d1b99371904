#!/usr/bin/env node
// Bad input: hundreds of malformed requests across every route of the dashboard API and the public API (the
// public routes are read from the running app's OpenAPI document). Wrong types, missing fields, huge strings,
// invalid dates, unknown ids, another organization's ids, bad JSON, bad multipart, path traversal, wrong content
// types, oversized bodies. Prints the count by status code. Fails on any 5xx, and on any row written (or changed)
// by a request that was refused: every table is fingerprinted before and after each request.
//   node chaos/bad-input.mjs [--quick] [--verbose]   (quick and full send the same requests; quick lists the accepted ones only with --verbose)
import http from 'node:http';
import { args, log, pg, quick, runMain } from '../bench/lib/stack.mjs';
import { planningBadInputCases } from './lib/planning-cases.mjs';
import { PNG, startTwoOrgs } from './lib/two-orgs.mjs';
import { bodyMutations, fieldMutations, headerAndQueryCases, idMutations, multipartCases, queryMutations } from './lib/bad-input-cases.mjs';

/** Per table: row count and a hash of every row (ApiKey.lastUsedAt, bookkeeping of authentication, left out). */
async function fingerprint(client) {
  const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' ORDER BY tablename`);
  const parts = {};
  for (const { tablename } of tables.rows) {
    const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(t) - 'lastUsedAt')::text, '|' ORDER BY (to_jsonb(t) - 'lastUsedAt')::text), '')) AS h FROM "${tablename}" t`);
    parts[tablename] = `${rows[0].n}:${rows[0].h}`;
  }
  return parts;
}

function diff(before, after) {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** A request with the path sent exactly as written (fetch would normalise `..` segments away). */
function rawRequest(base, method, path, headers = {}, body) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** The distinct errors the backend logged (message and the first frames), for the report of a 5xx. */
function errorLines(output) {
  return output
    .split('\n')
    .filter((line) => line.includes('"level":"error"'))
    .map((line) => {
      try {
        const entry = JSON.parse(line);
        return `${entry.err?.message ?? entry.msg} @ ${(entry.err?.stack ?? '').split('\n').slice(1, 4).map((f) => f.trim()).join(' < ')}`;
      } catch {
        return line.slice(0, 300);
      }
    });
}

async function main() {
  const h = await startTwoOrgs('herald_chaos_bad_input');
  const { A, B, base } = h;
  const openapi = await A.api.get('/public/v1/openapi.json');
  if (openapi.status !== 200) throw new Error(`openapi.json answered ${openapi.status}`);
  const publicPaths = Object.entries(openapi.json.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'delete'].includes(m)).map((m) => [m.toUpperCase(), p]));
  log(`the OpenAPI document lists ${publicPaths.length} public operations`);

  const ctx = { A, B, base, publicPaths, png: PNG };
  const cases = [...idMutations(ctx), ...queryMutations(ctx), ...fieldMutations(ctx), ...bodyMutations(ctx), ...multipartCases(ctx), ...headerAndQueryCases(ctx), ...planningBadInputCases(ctx)];

  const db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  let before = await fingerprint(db);
  const byStatus = {};
  const fiveHundreds = [];
  const writes = [];
  const accepted = [];
  for (const c of cases) {
    const client = c.as === 'api' ? A.api : c.as === 'anon' ? null : A.session;
    let res;
    try {
      if (c.raw) {
        const headers = { ...(client?.cookie ? { Cookie: `auth=${client.cookie}` } : {}), ...(client?.apiKey ? { Authorization: client.apiKey } : {}), Origin: 'http://localhost:4200', ...c.headers };
        res = await rawRequest(base, c.method, c.path, headers, c.body);
      } else {
        const sender = client ?? new (A.session.constructor)(base, {});
        res = await sender.request(c.method, c.path, { json: c.json, body: c.body, headers: c.headers, timeoutMs: 60_000 });
      }
    } catch (error) {
      res = { status: 'network-error', text: error instanceof Error ? error.message : String(error) };
    }
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    const after = await fingerprint(db);
    const changed = diff(before, after);
    const label = `${c.method} ${c.path.length > 90 ? `${c.path.slice(0, 90)}…` : c.path} [${c.what}]`;
    if (typeof res.status !== 'number' || res.status >= 500) fiveHundreds.push(`${res.status} ${label}: ${res.text.slice(0, 200)}`);
    if (typeof res.status === 'number' && res.status < 400) accepted.push(`${res.status} ${label}${changed.length ? ` (wrote ${changed.join(', ')})` : ''}`);
    else if (changed.length) writes.push(`${res.status} ${label}: ${changed.join(', ')}`);
    before = after;
  }
  // Uploads with hostile names were accepted as media (the name is only a label): their files must sit under keys
  // the storage made, never under a path from the client.
  const keys = await db.query(`SELECT "fileKey" FROM "Media"`);
  const strayKeys = keys.rows.map((r) => r.fileKey).filter((k) => !/^[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f]{32}\.(jpg|png|gif|webp|mp4)$/.test(k));
  await db.end();

  console.log(`bad-input: ${cases.length} malformed requests over ${new Set(cases.map((c) => `${c.method} ${c.route}`)).size} routes (dashboard and public API, ${publicPaths.length} public operations from openapi.json)`);
  console.log(`bad-input by status: ${Object.entries(byStatus).sort(([a], [b]) => String(a).localeCompare(String(b))).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`bad-input 5xx: ${fiveHundreds.length}`);
  console.log(`bad-input rows written by refused requests: ${writes.length}`);
  console.log(`bad-input accepted (2xx/3xx: Postiz's answer-anything routes, ignored bodies, uploads whose name is only a label): ${accepted.length}`);
  console.log(`bad-input media stored under a client-chosen path: ${strayKeys.length}`);
  for (const line of fiveHundreds) log(`5xx: ${line}`);
  for (const line of writes) log(`write: ${line}`);
  if (!quick || args.has('verbose')) for (const line of accepted) log(`accepted: ${line}`);
  if (fiveHundreds.length) log(`backend errors:\n${[...new Set(errorLines(h.backend.output()))].join('\n')}`);
  for (const key of strayKeys) log(`stray media key: ${key}`);
  return fiveHundreds.length === 0 && writes.length === 0 && strayKeys.length === 0;
}

runMain(main);
