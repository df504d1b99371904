import { type SandboxContext } from '../context';
import { type SandboxReply, type SandboxRequest } from '../core/http-types';
import { v1Error, v2Problem } from './x-errors';

export type XBucket = 'tweets.create' | 'tweets.read' | 'users.me' | 'media';

const FIFTEEN_MIN = 15 * 60_000;
const DAY = 24 * 3600_000;

function perWindow(ctx: SandboxContext, bucket: XBucket): number {
  switch (bucket) {
    case 'tweets.create':
      return ctx.limits.xTweetsPer15Min;
    case 'tweets.read':
      return ctx.limits.xReadPer15Min;
    case 'users.me':
      return ctx.limits.xUsersMePer15Min;
    case 'media':
      return ctx.limits.xMediaPer15Min;
  }
}

export function tooManyRequests(req: SandboxRequest, headers: Record<string, string>): SandboxReply {
  return req.path.startsWith('/2/')
    ? v2Problem(429, 'Too Many Requests', 'Too Many Requests', {}, headers)
    : v1Error(429, 88, 'Rate limit exceeded', headers);
}

/** Counts the call against X's per-user 15-minute window (and the 24 h caps for posting). */
export function xRateLimit(
  ctx: SandboxContext,
  req: SandboxRequest,
  bucket: XBucket,
  userId: string,
  consumerKey: string,
): { ok: true; headers: Record<string, string> } | { ok: false; reply: SandboxReply } {
  const now = ctx.clock.now();
  const w = ctx.rate.hit(`x:${bucket}:${userId}`, perWindow(ctx, bucket), FIFTEEN_MIN, now);
  const headers: Record<string, string> = {
    'x-rate-limit-limit': String(w.limit),
    'x-rate-limit-remaining': String(w.remaining),
    'x-rate-limit-reset': String(w.reset),
  };
  let allowed = w.allowed;
  if (bucket === 'tweets.create') {
    const user = ctx.rate.hit(`x:24h:user:${userId}`, ctx.limits.xTweetsPer24hPerUser, DAY, now);
    const app = ctx.rate.hit(`x:24h:app:${consumerKey}`, ctx.limits.xTweetsPer24hPerApp, DAY, now);
    Object.assign(headers, {
      'x-user-limit-24hour-limit': String(user.limit),
      'x-user-limit-24hour-remaining': String(user.remaining),
      'x-user-limit-24hour-reset': String(user.reset),
      'x-app-limit-24hour-limit': String(app.limit),
      'x-app-limit-24hour-remaining': String(app.remaining),
      'x-app-limit-24hour-reset': String(app.reset),
    });
    allowed = allowed && user.allowed && app.allowed;
  }
  return allowed ? { ok: true, headers } : { ok: false, reply: tooManyRequests(req, headers) };
}
