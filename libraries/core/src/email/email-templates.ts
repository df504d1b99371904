import type { PendingAlert } from '@herald/database';
import { htmlToPlainText, PLATFORM_LIST, platformBrand } from '@herald/shared';
import type { EmailMessage } from './mailer';

// Each email is plain text and simple HTML with the same words; every link starts with the instance's FRONTEND_URL.

let platformBrands: string | undefined;
/**
 * "X, Instagram and Facebook": the platforms' own names, from the catalogue. Formatted on the first invitation, not
 * when the module loads: an `Intl` formatter makes V8 look through ICU's data of every locale (about 4 MB of the
 * `node` binary's pages resident), and the cron, which loads this module with `@herald/core`, sends no email
 * (bench/README.md, issue 21).
 */
function platformBrandList(): string {
  platformBrands ??= new Intl.ListFormat('en-GB', { type: 'conjunction' }).format([...new Set(PLATFORM_LIST.map((p) => p.brand))]);
  return platformBrands;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface Block {
  /** A paragraph of text. */
  text?: string;
  /** A button-like link. */
  link?: { label: string; url: string };
}

function render(to: string, subject: string, heading: string, blocks: readonly Block[], footer: string): EmailMessage {
  const text = [
    heading,
    '',
    ...blocks.flatMap((b) => [...(b.text ? [b.text] : []), ...(b.link ? [`${b.link.label}: ${b.link.url}`] : []), '']),
    '—',
    footer,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="margin:0;padding:24px;background:#f6f6f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px">',
    `<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(heading)}</h1>`,
    ...blocks.map((b) =>
      [
        b.text ? `<p style="margin:0 0 12px;line-height:1.5;white-space:pre-line">${escapeHtml(b.text)}</p>` : '',
        b.link
          ? `<p style="margin:0 0 16px"><a href="${escapeHtml(b.link.url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;padding:8px 14px;border-radius:6px">${escapeHtml(b.link.label)}</a></p>`
          : '',
      ].join(''),
    ),
    `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>`,
    '</div></body></html>',
  ].join('\n');
  return { to, subject, text, html };
}

const ROLE_WORDS: Record<string, string> = { OWNER: 'an owner', ADMIN: 'an admin', MEMBER: 'a member' };

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function invitationEmail(input: { to: string; organizationName: string; role: string; inviter: string | null; link: string; expiresAt: Date }): EmailMessage {
  const who = input.inviter ? `${input.inviter} invited you` : 'You are invited';
  return render(
    input.to,
    `Join ${input.organizationName} on Herald`,
    `${who} to join ${input.organizationName} on Herald`,
    [
      { text: `You will be ${ROLE_WORDS[input.role] ?? 'a member'} of ${input.organizationName}, where the team schedules its posts to ${platformBrandList()}.` },
      { link: { label: 'Accept the invitation', url: input.link } },
      { text: `The link works once, until ${day(input.expiresAt)}.` },
    ],
    'If you did not expect this invitation, ignore this email: nothing happens without the link.',
  );
}

export function passwordResetEmail(input: { to: string; name: string | null; link: string }): EmailMessage {
  return render(
    input.to,
    'Reset your Herald password',
    `${input.name ? `Hello ${input.name}, r` : 'R'}eset your Herald password`,
    [
      { text: 'Someone (we hope you) asked to reset the password of this Herald account.' },
      { link: { label: 'Choose a new password', url: input.link } },
      { text: 'The link works once, for one hour. Choosing a new password signs your account out everywhere.' },
    ],
    'If you did not ask for this, ignore this email: your password stays as it is.',
  );
}

const ALERT_TITLES: Record<string, string> = {
  post_failed: 'A post failed',
  post_unconfirmed: 'A post may not have been published',
  channel_refresh_needed: 'A channel needs reconnecting',
  channel_disconnected: 'A channel was disconnected by the platform',
};

function channelLine(alert: PendingAlert): string | null {
  if (!alert.channel) return null;
  const platform = platformBrand(alert.channel.platform);
  return `Channel: ${alert.channel.name}${alert.channel.username ? ` (@${alert.channel.username})` : ''} on ${platform}`;
}

function postLine(alert: PendingAlert): string | null {
  if (!alert.post) return null;
  const words = htmlToPlainText(alert.post.content).replace(/\s+/g, ' ').trim();
  const excerpt = words.length > 140 ? `${words.slice(0, 139)}…` : words;
  return `Post: "${excerpt}" (scheduled for ${alert.post.publishDate.toISOString().replace('T', ' ').slice(0, 16)} UTC)`;
}

function alertLink(frontendUrl: string, alert: PendingAlert): { label: string; url: string } {
  const org = `org=${encodeURIComponent(alert.organization.id)}`;
  if (alert.post) return { label: 'Open the post', url: `${frontendUrl}/calendar?post=${encodeURIComponent(alert.post.id)}&${org}` };
  return { label: 'Open the channels', url: `${frontendUrl}/channels?${org}` };
}

/** One email for every alert that waited: one alert reads as that alert, several as a digest. */
export function alertDigestEmail(input: { to: string; frontendUrl: string; alerts: readonly PendingAlert[] }): EmailMessage {
  const { alerts } = input;
  const first = alerts[0];
  if (!first) throw new Error('alertDigestEmail: no alert to send');
  const organizations = [...new Set(alerts.map((a) => a.organization.name))];
  const subject =
    alerts.length === 1 ? `${ALERT_TITLES[first.kind] ?? 'Herald alert'} (${first.organization.name})` : `${alerts.length} Herald alerts (${organizations.join(', ')})`;
  const heading = alerts.length === 1 ? (ALERT_TITLES[first.kind] ?? 'Herald alert') : `${alerts.length} things need your attention`;
  const blocks = alerts.map((alert) => ({
    text: [
      `${ALERT_TITLES[alert.kind] ?? 'Alert'} in ${alert.organization.name}, ${alert.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      alert.message,
      channelLine(alert),
      postLine(alert),
    ]
      .filter((line): line is string => line !== null)
      .join('\n'),
    link: alertLink(input.frontendUrl, alert),
  }));
  return render(
    input.to,
    subject,
    heading,
    blocks,
    `You get these emails because alerts are on for you in Herald. Change them in Settings: ${input.frontendUrl}/settings#notifications`,
  );
}
