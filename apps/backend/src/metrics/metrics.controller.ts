import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError } from '@herald/core';
import type { Response } from 'express';
import { Public } from '../common/auth-context';
import { CONFIG } from '../infra/tokens';
import { MetricsService } from './metrics.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests so that neither the length nor the content of the token leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), digest(token));
}

/** Prometheus scrape endpoint. Public unless METRICS_TOKEN is set (then `Authorization: Bearer <token>`). */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (this.config.metricsToken !== undefined && !bearerMatches(authorization, this.config.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw AppError.unauthorized('unauthorized', 'A valid metrics bearer token is required');
    }
    const body = await this.metrics.render();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
