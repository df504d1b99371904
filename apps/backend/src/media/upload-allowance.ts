import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError, LocalMediaStorage, type StagedUpload } from '@herald/core';
import type { Database } from '@herald/database';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CONFIG, DATABASE, REDIS } from '../infra/tokens';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * What an organization may still upload: UPLOAD_RATE_LIMIT uploads a minute (429 `upload_rate_limited` with
 * Retry-After) and UPLOAD_QUOTA_MB of stored files (413 `upload_quota_exceeded`, naming what is used and the limit).
 * Stored means every media row, deleted ones included until the cleanup sweep removes their files from disk.
 */
@Injectable()
export class UploadAllowance {
  private readonly rate: RateLimiterRedis;

  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(REDIS) redis: Redis,
    private readonly storage: LocalMediaStorage,
  ) {
    this.rate = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'herald:throttle:upload:org', points: config.uploadRatePerMinute, duration: 60 });
  }

  private async used(organizationId: string): Promise<number> {
    const sum = await this.db.media.aggregate({ where: { organizationId }, _sum: { size: true } });
    return sum._sum.size ?? 0;
  }

  private exceeded(used: number, adding: number): AppError {
    const limit = this.config.uploadQuotaBytes;
    return new AppError(
      'upload_quota_exceeded',
      `This organization's uploads use ${megabytes(used)} of its ${megabytes(limit)}${adding > 0 ? `; this ${megabytes(adding)} file does not fit` : ''}. Delete media you no longer need, or raise UPLOAD_QUOTA_MB.`,
      [{ field: 'file', code: 'upload_quota_exceeded', message: `used ${used} bytes, limit ${limit} bytes` }],
    );
  }

  /** Before the file is read: counts the upload against the rate, and refuses an organization already at its quota. */
  async admit(organizationId: string): Promise<void> {
    try {
      await this.rate.consume(organizationId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const wait = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw AppError.tooManyRequests(`At most ${this.config.uploadRatePerMinute} uploads a minute per organization. Try again in ${wait} s.`, wait, 'upload_rate_limited');
    }
    const used = await this.used(organizationId);
    if (used >= this.config.uploadQuotaBytes) throw this.exceeded(used, 0);
  }

  /** Before a chunked upload starts: refuses a declared size that would pass the quota. */
  async assertFits(organizationId: string, size: number): Promise<void> {
    const used = await this.used(organizationId);
    if (used + size > this.config.uploadQuotaBytes) throw this.exceeded(used, size);
  }

  /** Once the file is staged and its size known: refuses (and discards it) when it would pass the quota. */
  async assertRoom(organizationId: string, staged: StagedUpload): Promise<void> {
    const used = await this.used(organizationId);
    if (used + staged.size <= this.config.uploadQuotaBytes) return;
    await this.storage.discard(staged);
    throw this.exceeded(used, staged.size);
  }
}

/** Runs after the session or API-key guard, before multer reads the body: `@UseGuards(UploadAdmission)`. */
@Injectable()
export class UploadAdmission implements CanActivate {
  constructor(private readonly allowance: UploadAllowance) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ auth?: { organizationId: string }; publicAuth?: { organizationId: string } }>();
    const organizationId = request.auth?.organizationId ?? request.publicAuth?.organizationId;
    if (organizationId) await this.allowance.admit(organizationId);
    return true;
  }
}
