import { type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { type FieldSpec } from '../graph/graph-fields';
import { cursorPage, edgeLink, readEdgeWindow, withinTime } from '../graph/graph-paging';
import { type IgMedia } from '../graph/graph-state';
import { mediaNode } from './ig-publish';

// Reading an account's media back (docs/platforms.md, "Meta: reading posts back"; IG User Media and IG User Stories):
// `/media` lists feed posts, Reels and carousels (never Stories, never carousel children), newest first, with
// `since`/`until` and cursors; `/stories` lists the Stories of the last 24 hours. Captions come back as posted.
const STORY_LIFETIME_MS = 24 * 3600_000;

function newestFirst(a: IgMedia, b: IgMedia): number {
  return b.createdAt - a.createdAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1);
}

function isChild(ctx: SandboxContext, media: IgMedia): boolean {
  return [...ctx.graph.igMedia.values()].some((parent) => parent.children.includes(media.id));
}

function listed(ctx: SandboxContext, items: IgMedia[], specs: FieldSpec[], params: Map<string, string>, base: string): SandboxReply {
  const read = readEdgeWindow(params);
  if (!read.ok) return read.reply;
  const inWindow = items.filter((m) => withinTime(m.createdAt, read.window)).sort(newestFirst);
  const { page, paging } = cursorPage(inWindow, read.window, (name, value) => edgeLink(base, params, read.window.limit, name, value));
  const data: unknown[] = [];
  for (const m of page) {
    const reply = mediaNode(ctx, m, specs);
    if (reply.status !== 200) return reply;
    data.push(JSON.parse(String(reply.body)));
  }
  return jsonReply(200, { data, ...(paging ? { paging } : {}) });
}

/** `GET /{ig-user-id}/media`. */
export function listMedia(ctx: SandboxContext, igUserId: string, specs: FieldSpec[], params: Map<string, string>, base: string): SandboxReply {
  const items = [...ctx.graph.igMedia.values()].filter((m) => m.igUserId === igUserId && m.productType !== 'STORY' && !isChild(ctx, m));
  return listed(ctx, items, specs, params, base);
}

/** `GET /{ig-user-id}/stories`: a Story is readable for 24 hours. */
export function listStories(ctx: SandboxContext, igUserId: string, specs: FieldSpec[], params: Map<string, string>, base: string): SandboxReply {
  const since = ctx.clock.now() - STORY_LIFETIME_MS;
  const items = [...ctx.graph.igMedia.values()].filter((m) => m.igUserId === igUserId && m.productType === 'STORY' && m.createdAt >= since);
  return listed(ctx, items, specs, params, base);
}
