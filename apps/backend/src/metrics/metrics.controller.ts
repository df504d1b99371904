import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError } from '@herald/core';
import type { Request, Response } from 'express';
import { Public } from '../common/auth-context';
import { CONFIG } from '../infra/tokens';
import { MetricsService } from './metrics.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests so that neither the length nor the content of the token leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), digest(token));
}

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Whether the request comes from this machine: the socket's peer is loopback AND the client Express derives through
 * the trusted proxies (TRUST_PROXY) is loopback too, so neither a public client forwarded by a local reverse proxy nor
 * an X-Forwarded-For written by an untrusted peer counts as local.
 */
export function fromThisMachine(req: Request): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackAddress(req.ip);
}

/**
 * Prometheus scrape endpoint. Answers a scraper on this machine (loopback), or anyone with METRICS_TOKEN as
 * `Authorization: Bearer <token>`; others get 401 (a token is configured) or 403 (none is).
 */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = this.config.metricsToken;
    const allowed = (token !== undefined && bearerMatches(authorization, token)) || fromThisMachine(req);
    if (!allowed && token !== undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw AppError.unauthorized('unauthorized', 'A valid metrics bearer token is required');
    }
    if (!allowed) throw AppError.forbidden('metrics_local_only', 'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.');
    const body = await this.metrics.render();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
