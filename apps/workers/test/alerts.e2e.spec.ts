import { randomUUID } from 'node:crypto';
import { createAlertRaiser, EmailQueue } from '@herald/core';
import { EmailAlertsRepository, PublishingNotificationsRepository, type Role } from '@herald/database';
import { FRONTEND } from '../../sandbox/src/test-support/test-sandbox';
import { type CapturedMail, type SmtpCapture, startSmtpCapture } from '../../../test/support/smtp-capture';
import { connectChannel, createPost, type Harness, startHarness, unique, waitForState } from './support/harness';

// Email alerts end to end: a real publishing failure in the workers, fanned out to the people who want it, sent over
// a real SMTP server; at most one alert email per person per window (shortened to 3 s here), later events gathered.
const WINDOW_MS = 3_000;

describe('email alerts', () => {
  let h: Harness;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startHarness({ database: 'herald_alerts', redisDb: 14, env: { EMAIL_SMTP_URL: smtp.url, EMAIL_FROM: 'alerts@example.test' } });
    await h.startWorkers({ alertWindowMs: WINDOW_MS });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  async function person(organizationId: string, role: Role, choice: { emailFailures?: boolean; emailChannels?: boolean } = {}): Promise<string> {
    const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`;
    const user = await h.db.user.create({ data: { email, passwordHash: 'unused' } });
    await h.db.userOrganization.create({ data: { userId: user.id, organizationId, role, ...choice } });
    return email;
  }

  const count = (mails: readonly CapturedMail[], words: string) => mails.reduce((n, m) => n + m.text.split(words).length - 1, 0);
  const settle = () => new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_500));

  it('emails a failed post and a channel to reconnect to those who want them, each once, with links', async () => {
    const organization = await h.db.organization.create({ data: { name: 'Alerted Agency' } });
    const [owner, admin, member, optedIn, optedOut] = [
      await person(organization.id, 'OWNER'),
      await person(organization.id, 'ADMIN'),
      await person(organization.id, 'MEMBER'),
      await person(organization.id, 'MEMBER', { emailFailures: true }),
      await person(organization.id, 'OWNER', { emailFailures: false, emailChannels: false }),
    ];
    const channel = await connectChannel(h, 'facebook', { pageId: '110000000000102', organizationId: organization.id });
    h.sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/photos', action: { type: 'token-revoked' }, count: 1 });
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: unique('a post that will fail'), images: [h.media.url('/square.jpg')] });
    expect((await waitForState(h, postId, ['PUBLISHED', 'ERROR'])).state).toBe('ERROR');
    await smtp.waitFor(owner);
    await settle();

    for (const address of [owner, admin]) {
      const mails = smtp.to(address);
      // Both events, each in exactly one email; a second email only after the window.
      expect(count(mails, 'A post failed in Alerted Agency')).toBe(1);
      expect(count(mails, 'A channel needs reconnecting in Alerted Agency')).toBe(1);
      expect(mails.length).toBeLessThanOrEqual(2);
      if (mails.length === 2) expect((mails[1]?.receivedAt ?? 0) - (mails[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(WINDOW_MS - 100);
      const text = mails.map((m) => m.text).join('\n');
      expect(text).toContain(`${FRONTEND}/calendar?post=${postId}&org=${organization.id}`);
      expect(text).toContain(`${FRONTEND}/channels?org=${organization.id}`);
      expect(text).toMatch(/Channel: .+ on Facebook/);
      expect(mails.map((m) => m.html).join('\n')).toContain(`href="${FRONTEND}/calendar?post=${postId}&amp;org=${organization.id}"`);
    }
    const opted = smtp.to(optedIn);
    expect(count(opted, 'A post failed in Alerted Agency')).toBe(1);
    expect(count(opted, 'needs reconnecting')).toBe(0);
    expect(smtp.to(member)).toEqual([]);
    expect(smtp.to(optedOut)).toEqual([]);
    expect(await h.db.emailAlert.count({ where: { sentAt: null, notification: { organizationId: organization.id } } })).toBe(0);
  });

  it('sends the first alert at once and gathers the next ones into one digest after the window', async () => {
    const organization = await h.db.organization.create({ data: { name: 'Digest Ltd' } });
    const owner = await person(organization.id, 'OWNER');
    const notifications = new PublishingNotificationsRepository(h.db);
    const queue = new EmailQueue(h.redis);
    const raise = createAlertRaiser({ alerts: new EmailAlertsRepository(h.db), jobs: queue, windowMs: WINDOW_MS });
    const event = async (message: string) => {
      const notification = await notifications.notify({ organizationId: organization.id, type: 'post.failed', message });
      await raise({ notificationId: notification.id, organizationId: organization.id, kind: 'post_failed' });
      // Raising the same event again sends nothing more.
      await raise({ notificationId: notification.id, organizationId: organization.id, kind: 'post_failed' });
    };
    try {
      await event('first failure');
      const first = await smtp.waitFor(owner);
      expect(first.subject).toBe('A post failed (Digest Ltd)');
      await event('second failure');
      await event('third failure');
      const digest = await smtp.waitFor(owner, 2, WINDOW_MS + 10_000);
      expect(digest.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(WINDOW_MS - 100);
      expect(digest.subject).toBe('2 Herald alerts (Digest Ltd)');
      expect(digest.text).toContain('second failure');
      expect(digest.text).toContain('third failure');
      expect(digest.text).not.toContain('first failure');
      expect(digest.text).toContain(`${FRONTEND}/settings#notifications`);
      await settle();
      expect(smtp.to(owner)).toHaveLength(2);
    } finally {
      await queue.close();
    }
  });
});
