#!/usr/bin/env node
// Container health checks, with no dependency so they run in the production image as they are.
//   node scripts/healthcheck.mjs http <url>          exit 0 when the URL answers 2xx/3xx within 4 s
//   node scripts/healthcheck.mjs heartbeat <app>     exit 0 when Redis holds herald:heartbeat:<app>:<hostname>
// The heartbeat key is what a process without an HTTP port (workers, cron) refreshes, with a TTL, while it is
// alive and its loop is turning: `SET herald:heartbeat:<app>:<os.hostname()> <ISO time> EX 60` every 15 s.
// In a container the hostname is the container's, so each replica checks its own key.
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';

const TIMEOUT_MS = 4000;

export function heartbeatKey(app, host = os.hostname()) {
  return `herald:heartbeat:${app}:${host}`;
}

function encode(args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`;
}

/** Sends commands over one connection (RESP) and resolves with the last reply: a string, a number, null or an Error. */
export function redisCommands(url, commands, timeoutMs = TIMEOUT_MS) {
  const u = new URL(url);
  const port = Number(u.port || 6379);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const prelude = [];
  if (u.password) prelude.push(u.username ? ['AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password)] : ['AUTH', decodeURIComponent(u.password)]);
  const db = u.pathname.replace(/^\//, '');
  if (db && db !== '0') prelude.push(['SELECT', db]);
  const all = [...prelude, ...commands];
  return new Promise((resolve, reject) => {
    const socket = u.protocol === 'rediss:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    let buffer = '';
    const replies = [];
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(all.map(encode).join('')));
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        const parsed = parseReply(buffer);
        if (!parsed) break;
        replies.push(parsed.value);
        buffer = buffer.slice(parsed.length);
      }
      if (replies.length >= all.length) {
        clearTimeout(timer);
        socket.end();
        const failed = replies.slice(0, prelude.length).find((r) => r instanceof Error);
        resolve(failed ?? replies[replies.length - 1]);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** One RESP2 reply (simple string, error, integer, bulk string); arrays are not needed here. */
function parseReply(text) {
  const end = text.indexOf('\r\n');
  if (end < 0) return null;
  const type = text[0];
  const head = text.slice(1, end);
  if (type === '+') return { value: head, length: end + 2 };
  if (type === '-') return { value: new Error(head), length: end + 2 };
  if (type === ':') return { value: Number(head), length: end + 2 };
  if (type === '$') {
    const size = Number(head);
    if (size < 0) return { value: null, length: end + 2 };
    const body = Buffer.from(text.slice(end + 2), 'utf8');
    if (body.length < size + 2) return null;
    const value = body.subarray(0, size).toString('utf8');
    return { value, length: end + 2 + value.length + 2 };
  }
  throw new Error(`unexpected Redis reply: ${JSON.stringify(text.slice(0, 40))}`);
}

export async function checkHttp(url) {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status >= 400) throw new Error(`${url} answered ${res.status}`);
  return `${url} answered ${res.status}`;
}

export async function checkHeartbeat(app, redisUrl = process.env.REDIS_URL) {
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  const key = heartbeatKey(app);
  const value = await redisCommands(redisUrl, [['GET', key]]);
  if (value instanceof Error) throw value;
  if (value === null) throw new Error(`no heartbeat: ${key} is missing or expired`);
  return `${key} = ${value}`;
}

async function main(argv) {
  const [kind, target] = argv;
  if (kind === 'http' && target) return checkHttp(target);
  if (kind === 'heartbeat' && target) return checkHeartbeat(target);
  throw new Error('usage: healthcheck.mjs http <url> | heartbeat <app>');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (message) => {
      process.stdout.write(`healthy: ${message}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
