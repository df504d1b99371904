import { createHash, randomBytes } from 'node:crypto';
import type { NotificationsRepository, PreviewLinkRow, PreviewLinksRepository, PreviewPostRow } from '@herald/database';
import type { TokenCipher } from '@herald/crypto';
import {
  htmlToPlainText,
  parsePostDate,
  PREVIEW_COMMENT_MAX,
  PREVIEW_MAX_DAYS,
  PREVIEW_NAME_MAX,
  type PreviewCommentView,
  type PreviewLinkView,
  type PublicPreview,
} from '@herald/shared';
import { AppError, type ErrorDetail } from '../common/app-error';
import { isUuid } from '../posts/ids';
import type { RedisRateLimiter } from '../public-api/rate-limiter';
import { previewTokenContext } from '../common/cipher-contexts';

export interface PreviewLinksDeps {
  links: PreviewLinksRepository;
  notifications: Pick<NotificationsRepository, 'create'>;
  cipher: TokenCipher;
  limiter: RedisRateLimiter;
  /** The dashboard's public URL: links are `${frontendUrl}/p/<token>`. */
  frontendUrl: string;
  now: () => Date;
}

const DAY_MS = 86_400_000;
// 32 random bytes, base64url: 43 characters.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
// Comment spam: per client address, and per link whoever sends them.
const COMMENTS_PER_ADDRESS = { limit: 10, windowSeconds: 600 };
const COMMENTS_PER_LINK = { limit: 200, windowSeconds: 86_400 };
const VIEWS_PER_ADDRESS = { limit: 300, windowSeconds: 600 };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const gone = () => AppError.notFound('This preview');

/** Control characters out (newlines and tabs stay), trimmed. */
function cleanText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim() : '';
}

function commentView(row: { id: string; authorName: string; content: string; createdAt: Date }): PreviewCommentView {
  return { id: row.id, name: row.authorName, content: row.content, createdAt: row.createdAt.toISOString() };
}

/** A comment as the client sees it: no id. */
function publicComment(row: { authorName: string; content: string; createdAt: Date }): Omit<PreviewCommentView, 'id'> {
  return { name: row.authorName, content: row.content, createdAt: row.createdAt.toISOString() };
}

function mediaOf(image: unknown): { path: string }[] {
  if (!Array.isArray(image)) return [];
  return image.flatMap((m: unknown) => {
    const path = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['path'] : undefined;
    return typeof path === 'string' ? [{ path }] : [];
  });
}

/** Each root post and its thread, as a client sees them: the channel's public face and the text, nothing else. */
function channelsOf(rows: readonly PreviewPostRow[]): PublicPreview['channels'] {
  const byParent = new Map(rows.filter((r) => r.parentPostId).map((r) => [r.parentPostId, r]));
  return rows
    .filter((r) => r.parentPostId === null)
    .map((root) => {
      const thread: PreviewPostRow[] = [];
      for (let at: PreviewPostRow | undefined = root; at && thread.length <= rows.length; at = byParent.get(at.id)) thread.push(at);
      return {
        name: root.integration.name,
        identifier: root.integration.providerIdentifier,
        picture: root.integration.picture,
        username: root.integration.profile,
        entries: thread.map((p) => ({ content: htmlToPlainText(p.content), media: mediaOf(p.image) })),
      };
    });
}

/**
 * Client preview links (docs/planning.md): an unguessable link (256 random bits) shows one post group as each
 * platform will show it, and takes comments (a name and a text, no account). The token is stored as its SHA-256
 * (the lookup) and encrypted (so the dashboard can show the link again); a new link replaces the old one.
 */
export class PreviewLinks {
  constructor(private readonly deps: PreviewLinksDeps) {}

  async create(organizationId: string, group: string, input: { expiresAt?: unknown }): Promise<PreviewLinkView> {
    const expiresAt = this.expiryOf(input.expiresAt);
    await this.requireGroup(organizationId, group);
    const token = randomBytes(32).toString('base64url');
    const row = await this.deps.links.create(organizationId, group, { tokenHash: hashOf(token), tokenCipher: this.deps.cipher.encrypt(token, previewTokenContext(hashOf(token))), expiresAt }, this.deps.now());
    return this.view(row);
  }

  async current(organizationId: string, group: string): Promise<PreviewLinkView> {
    const row = isUuid(group) ? await this.deps.links.findCurrent(organizationId, group) : null;
    if (!row) throw AppError.notFound('Preview link');
    return this.view(row);
  }

  async revoke(organizationId: string, group: string): Promise<{ revoked: true }> {
    if (!isUuid(group) || !(await this.deps.links.revoke(organizationId, group, this.deps.now()))) throw AppError.notFound('Preview link');
    return { revoked: true };
  }

  /** GET /posts/:group/comments: every comment left on the group's links, oldest first. */
  async comments(organizationId: string, group: string): Promise<{ comments: PreviewCommentView[] }> {
    await this.requireGroup(organizationId, group);
    return { comments: (await this.deps.links.comments(organizationId, group)).map(commentView) };
  }

  /** GET /preview/:token (no account). Unknown, revoked and expired links, and deleted posts, all answer 404 alike. */
  async publicView(token: string, address: string): Promise<PublicPreview> {
    await this.throttle(`preview:view:${address}`, VIEWS_PER_ADDRESS);
    const link = await this.live(token);
    const rows = await this.deps.links.groupPosts(link.organizationId, link.group);
    const roots = rows.filter((r) => r.parentPostId === null);
    const first = roots[0];
    if (!first) throw gone();
    return {
      publishDate: first.publishDate.toISOString(),
      expiresAt: link.expiresAt?.toISOString() ?? null,
      channels: channelsOf(rows),
      comments: (await this.deps.links.linkComments(link.id)).map(publicComment),
    };
  }

  /** POST /preview/:token/comments: stored, shown on the post in the dashboard, and the organization is told. */
  async comment(token: string, address: string, input: { name?: unknown; content?: unknown }): Promise<Omit<PreviewCommentView, 'id'>> {
    const name = cleanText(input.name);
    const content = cleanText(input.content);
    const details: ErrorDetail[] = [];
    if (name === '' || name.length > PREVIEW_NAME_MAX) details.push({ field: 'name', code: 'name', message: `name must be 1 to ${PREVIEW_NAME_MAX} characters` });
    if (content === '' || content.length > PREVIEW_COMMENT_MAX) details.push({ field: 'content', code: 'content', message: `content must be 1 to ${PREVIEW_COMMENT_MAX} characters` });
    if (details.length > 0) throw AppError.validation('The comment is invalid.', details);
    await this.throttle(`preview:comment:${address}`, COMMENTS_PER_ADDRESS);
    const link = await this.live(token);
    await this.throttle(`preview:comment-link:${link.id}`, COMMENTS_PER_LINK);
    const rows = await this.deps.links.groupPosts(link.organizationId, link.group);
    const root = rows.find((r) => r.parentPostId === null);
    if (!root) throw gone();
    const saved = await this.deps.links.addComment(link, { authorName: name, content });
    const excerpt = content.length > 120 ? `${content.slice(0, 117)}…` : content;
    await this.deps.notifications.create(link.organizationId, {
      type: 'post.comment',
      message: `${name} commented on the preview of a post to ${root.integration.name}: “${excerpt}”`,
      postId: root.id,
    });
    return publicComment(saved);
  }

  private async live(token: string): Promise<PreviewLinkRow> {
    const link = TOKEN.test(token) ? await this.deps.links.findByTokenHash(hashOf(token)) : null;
    if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= this.deps.now())) throw gone();
    return link;
  }

  private async throttle(key: string, rule: { limit: number; windowSeconds: number }): Promise<void> {
    const result = await this.deps.limiter.hit(key, rule.limit, rule.windowSeconds);
    if (!result.allowed) throw AppError.tooManyRequests('Too many requests for this preview. Wait a few minutes and try again.', result.resetSeconds);
  }

  private expiryOf(raw: unknown): Date | null {
    if (raw === undefined || raw === null) return null;
    const date = typeof raw === 'string' ? parsePostDate(raw) : undefined;
    const now = this.deps.now().getTime();
    if (!date || date.getTime() <= now || date.getTime() > now + PREVIEW_MAX_DAYS * DAY_MS) {
      throw AppError.validation('The expiry is invalid.', [
        { field: 'expiresAt', code: 'expiresAt', message: `expiresAt must be an ISO 8601 date in the future, at most ${PREVIEW_MAX_DAYS} days ahead (or null for none)` },
      ]);
    }
    return date;
  }

  private async requireGroup(organizationId: string, group: string): Promise<void> {
    const rows = isUuid(group) ? await this.deps.links.groupPosts(organizationId, group) : [];
    if (!rows.some((r) => r.parentPostId === null)) throw AppError.notFound('Post group');
  }

  private view(row: PreviewLinkRow): PreviewLinkView {
    return { url: `${this.deps.frontendUrl.replace(/\/+$/, '')}/p/${this.deps.cipher.decrypt(row.tokenCipher, previewTokenContext(row.tokenHash))}`, expiresAt: row.expiresAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
  }
}
