import { createHash, randomBytes } from 'node:crypto';
import { SIGNED_REQUEST_REMEMBER_SECONDS, SignedRequestError, signedRequestId, verifySignedRequest } from '@herald/crypto';
import type { Database, IntegrationsRepository, NotificationsRepository } from '@herald/database';
import { grantedThrough, platformBrand } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import type { RaiseAlert } from '../email/email-alerts';

export interface MetaCallbacksDeps {
  db: Database;
  integrations: IntegrationsRepository;
  notifications: NotificationsRepository;
  logger: Logger;
  /** The Facebook app secret and the Instagram app secret: either app may call. */
  secrets: () => readonly { platform: 'facebook' | 'instagram'; secret: string }[];
  backendPublicUrl: string;
  cancelJobs?: (postIds: string[]) => Promise<void>;
  /** Email alerts (queued here, sent by the workers); never throws. */
  alerts?: RaiseAlert;
  now?: () => Date;
  /** Remembers a verified request (Redis SET NX EX); false when it was seen before: a replay. */
  firstSeen: (id: string, ttlSeconds: number) => Promise<boolean>;
  /** Forgets it again, when handling it failed (so Meta's retry is taken). */
  forget: (id: string) => Promise<void>;
}

export interface DeletionStatus {
  confirmationCode: string;
  status: string;
  platform: string;
  channelsAffected: number;
  requestedAt: string;
  completedAt: string | null;
}

/** Meta's server-to-server callbacks: Deauthorize and Data Deletion Request (required for App Review). */
export class MetaCallbacks {
  constructor(private readonly deps: MetaCallbacksDeps) {}

  /** Verifies the request and handles it once: a replay of it (within its validity) is refused. */
  private async once<T>(signedRequest: unknown, handle: (from: { platform: 'facebook' | 'instagram'; userId: string }) => Promise<T>): Promise<T> {
    const from = this.verify(signedRequest);
    const id = signedRequestId(signedRequest as string);
    if (!(await this.deps.firstSeen(id, SIGNED_REQUEST_REMEMBER_SECONDS))) {
      throw AppError.badRequest('signed_request_replayed', 'signed_request refused: this request was already received');
    }
    try {
      return await handle(from);
    } catch (error) {
      await this.deps.forget(id).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not forget a failed signed_request'));
      throw error;
    }
  }

  private verify(signedRequest: unknown): { platform: 'facebook' | 'instagram'; userId: string } {
    if (typeof signedRequest !== 'string' || signedRequest.length === 0) {
      throw AppError.badRequest('invalid_signed_request', 'The form field signed_request is required');
    }
    const secrets = this.deps.secrets();
    if (secrets.length === 0) throw AppError.badRequest('provider_not_configured', 'No Meta app is configured on this server');
    for (const { platform, secret } of secrets) {
      try {
        const payload = verifySignedRequest(signedRequest, [secret], { now: this.deps.now?.() ?? new Date() });
        return { platform, userId: payload.user_id };
      } catch (error) {
        if (!(error instanceof SignedRequestError)) throw error;
        if (error.problem !== 'bad_signature') throw AppError.badRequest('invalid_signed_request', `signed_request refused: ${error.message}`);
      }
    }
    throw AppError.badRequest('invalid_signed_request', 'signed_request refused: the signature matches no configured app secret');
  }

  /** The channels this app's grant by this user gave (the catalogue's `appGrant`). */
  private async grantedChannels(app: 'facebook' | 'instagram', userId: string) {
    const through = grantedThrough(app);
    return through ? this.deps.integrations.findGrantedBy(through, userId) : [];
  }

  private async removeJobs(postIds: string[]): Promise<void> {
    if (postIds.length === 0 || !this.deps.cancelJobs) return;
    await this.deps.cancelJobs(postIds).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not remove queued jobs'));
  }

  deauthorize(signedRequest: unknown): Promise<{ channels: number }> {
    return this.once(signedRequest, (from) => this.handleDeauthorize(from));
  }

  private async handleDeauthorize({ platform, userId }: { platform: 'facebook' | 'instagram'; userId: string }): Promise<{ channels: number }> {
    const channels = await this.grantedChannels(platform, userId);
    const reason = 'The account removed Herald on the platform; reconnect the channel to publish again.';
    const affected = await this.deps.integrations.markDeauthorized(channels.map((c) => c.id), reason);
    for (const item of affected) {
      await this.removeJobs(item.cancelledPostIds);
      const notification = await this.deps.notifications.create(item.organizationId, {
        type: 'channel.refresh_needed',
        integrationId: item.integrationId,
        message: `${item.name} removed Herald's access on ${platformBrand(platform)}. Reconnect it to publish again${
          item.cancelledPostIds.length > 0 ? `; ${item.cancelledPostIds.length} queued post(s) were cancelled` : ''
        }.`,
      });
      await this.deps.alerts?.({ notificationId: notification.id, organizationId: item.organizationId, kind: 'channel_disconnected' });
    }
    this.deps.logger.info({ platform, channels: affected.length }, 'meta deauthorize callback handled');
    return { channels: affected.length };
  }

  dataDeletion(signedRequest: unknown): Promise<{ url: string; confirmation_code: string }> {
    return this.once(signedRequest, (from) => this.handleDataDeletion(from));
  }

  private async handleDataDeletion({ platform, userId }: { platform: 'facebook' | 'instagram'; userId: string }): Promise<{ url: string; confirmation_code: string }> {
    const channels = await this.grantedChannels(platform, userId);
    const erased = await this.deps.integrations.erasePlatformData(
      channels.map((c) => c.id),
      'The account asked the platform to delete its data; this post was not published.',
    );
    for (const item of erased) await this.removeJobs(item.cancelledPostIds);
    const code = randomBytes(12).toString('base64url');
    await this.deps.db.dataDeletionRequest.create({
      data: {
        confirmationCode: code,
        platform,
        platformUserHash: createHash('sha256').update(`${platform}:${userId}`).digest('hex'),
        channelsAffected: erased.length,
        status: 'completed',
        completedAt: new Date(),
      },
    });
    this.deps.logger.info({ platform, channels: erased.length }, 'meta data deletion handled');
    return { url: `${this.deps.backendPublicUrl}/integrations/meta/data-deletion/${code}`, confirmation_code: code };
  }

  async status(code: string): Promise<DeletionStatus> {
    const row = /^[A-Za-z0-9_-]{8,64}$/.test(code) ? await this.deps.db.dataDeletionRequest.findUnique({ where: { confirmationCode: code } }) : null;
    if (!row) throw AppError.notFound('This deletion request');
    return {
      confirmationCode: row.confirmationCode,
      status: row.status,
      platform: row.platform,
      channelsAffected: row.channelsAffected,
      requestedAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
    };
  }
}
