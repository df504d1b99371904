import type { PreviewComment, PreviewLink } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export type PreviewLinkRow = Pick<PreviewLink, 'id' | 'organizationId' | 'group' | 'tokenHash' | 'tokenCipher' | 'expiresAt' | 'revokedAt' | 'createdAt'>;
export type PreviewCommentRow = Pick<PreviewComment, 'id' | 'authorName' | 'content' | 'createdAt'>;

/** What a client's preview shows of one root post: its channel as the platform names it, and its thread. */
export interface PreviewPostRow {
  id: string;
  parentPostId: string | null;
  content: string;
  image: unknown;
  publishDate: Date;
  integration: { name: string; providerIdentifier: string; picture: string | null; profile: string | null };
}

const LINK_FIELDS = { id: true, organizationId: true, group: true, tokenHash: true, tokenCipher: true, expiresAt: true, revokedAt: true, createdAt: true } as const;
const COMMENT_FIELDS = { id: true, authorName: true, content: true, createdAt: true } as const;

/** Client preview links of post groups and the comments left on them. One live link per group. */
export class PreviewLinksRepository {
  constructor(private readonly db: Database) {}

  /** The group's live link (revoked ones are gone for good; an expired one is still shown, as expired). */
  findCurrent(organizationId: string, group: string): Promise<PreviewLinkRow | null> {
    return this.db.previewLink.findFirst({ where: { organizationId, group, revokedAt: null }, select: LINK_FIELDS, orderBy: { createdAt: 'desc' } });
  }

  /** A new link; the group's earlier one stops working. */
  create(organizationId: string, group: string, input: { tokenHash: string; tokenCipher: string; expiresAt: Date | null }, now: Date): Promise<PreviewLinkRow> {
    return this.db.$transaction(async (tx) => {
      await tx.previewLink.updateMany({ where: { organizationId, group, revokedAt: null }, data: { revokedAt: now } });
      return tx.previewLink.create({ data: { organizationId, group, ...input }, select: LINK_FIELDS });
    });
  }

  async revoke(organizationId: string, group: string, now: Date): Promise<boolean> {
    const { count } = await this.db.previewLink.updateMany({ where: { organizationId, group, revokedAt: null }, data: { revokedAt: now } });
    return count > 0;
  }

  findByTokenHash(tokenHash: string): Promise<PreviewLinkRow | null> {
    return this.db.previewLink.findUnique({ where: { tokenHash }, select: LINK_FIELDS });
  }

  /** The group's live root posts and their replies or comments, oldest first. */
  groupPosts(organizationId: string, group: string): Promise<PreviewPostRow[]> {
    return this.db.post.findMany({
      where: { organizationId, group, deletedAt: null, integration: { deletedAt: null } },
      select: {
        id: true,
        parentPostId: true,
        content: true,
        image: true,
        publishDate: true,
        integration: { select: { name: true, providerIdentifier: true, picture: true, profile: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  comments(organizationId: string, group: string): Promise<PreviewCommentRow[]> {
    return this.db.previewComment.findMany({ where: { organizationId, group }, select: COMMENT_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 });
  }

  /** The comments left through one link (a client sees theirs only, not those left through an earlier link). */
  linkComments(previewLinkId: string): Promise<PreviewCommentRow[]> {
    return this.db.previewComment.findMany({ where: { previewLinkId }, select: COMMENT_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 });
  }

  addComment(link: Pick<PreviewLinkRow, 'id' | 'organizationId' | 'group'>, input: { authorName: string; content: string }): Promise<PreviewCommentRow> {
    return this.db.previewComment.create({
      data: { organizationId: link.organizationId, previewLinkId: link.id, group: link.group, ...input },
      select: COMMENT_FIELDS,
    });
  }
}
