import { type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { paramError } from './graph-errors';

/** `POST /{object-id}/comments` on an Instagram media or a Facebook post, recorded in the ledger. */
export function createComment(
  ctx: SandboxContext,
  input: { parentId: string; message: string | undefined; fromId: string; platform: 'instagram' | 'facebook'; via: 'instagram-login' | 'facebook-login'; appId: string; receivedAt: number },
): SandboxReply {
  const message = input.message ?? '';
  if (message.trim() === '') return paramError('The parameter message is required');
  if ([...message].length > (input.platform === 'instagram' ? 2200 : 8000)) return paramError('Comment text is too long');
  const raw = ctx.graph.commentIds.next();
  const id = input.platform === 'facebook' ? `${input.parentId.split('_').pop() ?? input.parentId}_${raw}` : raw;
  ctx.graph.comments.set(id, { id, parentId: input.parentId, message, fromId: input.fromId, createdAt: input.receivedAt });
  ctx.ledger.recordPublished({
    platform: input.platform,
    via: input.via,
    kind: 'comment',
    appId: input.appId,
    accountId: input.fromId,
    releaseId: id,
    text: message,
    mediaUrls: [],
    media: [],
    parentId: input.parentId,
    receivedAt: input.receivedAt,
  });
  return jsonReply(200, { id });
}

export function listComments(ctx: SandboxContext, parentId: string): SandboxReply {
  const data = [...ctx.graph.comments.values()]
    .filter((c) => c.parentId === parentId)
    .map((c) => ({ id: c.id, text: c.message, message: c.message, timestamp: new Date(c.createdAt).toISOString().replace(/\.\d{3}Z$/, '+0000'), from: { id: c.fromId } }));
  return jsonReply(200, { data });
}
