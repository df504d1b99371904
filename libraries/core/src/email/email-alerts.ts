import type { AlertPreference, AlertRecipient, EmailAlertsRepository, Role } from '@herald/database';
import type { Logger } from '../common/logger';
import type { EmailJobs } from './email-queue';

/** The events that email people (docs/self-hosting.md#email). */
export type AlertKind = 'post_failed' | 'post_unconfirmed' | 'channel_refresh_needed' | 'channel_disconnected';

const PREFERENCE_OF: Record<AlertKind, AlertPreference> = {
  post_failed: 'failures',
  post_unconfirmed: 'failures',
  channel_refresh_needed: 'channels',
  channel_disconnected: 'channels',
};

/** Who gets alerts without having chosen: owners and admins (members choose to in their settings). */
export const ALERTS_DEFAULT_ON: readonly Role[] = ['OWNER', 'ADMIN'];

/** At most one alert email per person in this time; what happens meanwhile waits for the next one, as a digest. */
export const ALERT_DIGEST_WINDOW_MS = 10 * 60_000;

export interface Alert {
  /** The notification the event recorded: one event, one notification, one email per recipient. */
  notificationId: string;
  organizationId: string;
  kind: AlertKind;
}

/** What an event's code calls once it has recorded its notification. It never throws. */
export type RaiseAlert = (alert: Alert) => Promise<void>;

export interface EmailAlertDeps {
  alerts: Pick<EmailAlertsRepository, 'fanOut' | 'recipientsWithPending'>;
  jobs: Pick<EmailJobs, 'digest'>;
  logger?: Logger;
  now?: () => Date;
  /** Default ALERT_DIGEST_WINDOW_MS (tests shorten it). */
  windowMs?: number;
}

/** When the person's next alert email may go: now, or a window (10 minutes) after the last one. */
export function nextDigestAt(lastSentAt: Date | null, now: Date, windowMs = ALERT_DIGEST_WINDOW_MS): Date {
  if (!lastSentAt) return now;
  return new Date(Math.max(now.getTime(), lastSentAt.getTime() + windowMs));
}

async function queueDigests(deps: EmailAlertDeps, recipients: readonly AlertRecipient[]): Promise<void> {
  const now = deps.now?.() ?? new Date();
  for (const r of recipients) await deps.jobs.digest(r.userId, nextDigestAt(r.lastSentAt, now, deps.windowMs));
}

/**
 * Records one pending alert per recipient who wants this kind and queues each one's digest. A failure is logged,
 * never raised: a post's outcome must not change because an email could not be queued (the cron's sweep queues
 * what was recorded but not queued).
 */
export function createAlertRaiser(deps: EmailAlertDeps): RaiseAlert {
  return async (alert) => {
    try {
      const recipients = await deps.alerts.fanOut({ ...alert, preference: PREFERENCE_OF[alert.kind], defaultOn: ALERTS_DEFAULT_ON });
      await queueDigests(deps, recipients);
    } catch (err) {
      deps.logger?.warn({ err, notificationId: alert.notificationId, kind: alert.kind }, 'could not raise an email alert');
    }
  };
}

/** For the cron: queues the digest of everyone with alerts still to send (a queued one stays as it is). */
export async function sweepPendingAlerts(deps: EmailAlertDeps, limit = 500): Promise<{ queued: number }> {
  const recipients = await deps.alerts.recipientsWithPending(limit);
  await queueDigests(deps, recipients);
  return { queued: recipients.length };
}
