import { fetchRemoteMedia, type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { mediaDigest, type LedgerMedia } from '../core/ledger';
import { sniffMedia } from '../core/media-sniff';
import { graphError, paramError, permissionError, unsupportedRequest } from '../graph/graph-errors';
import { type FbPost, type GraphToken } from '../graph/graph-state';
import { requireGraphToken } from '../graph/graph-auth';
import { pageAccess } from './fb-nodes';

// Page videos, Reels and Stories, written from Meta's Video API guides ("Publish with the Video API", "Reels
// Publishing API") and the Page Stories guide (docs/platforms.md "Facebook options"):
// - POST /{page-id}/videos takes `file_url` (or an uploaded handle) with `description`, `title`, `published`;
// - Reels: POST /{page-id}/video_reels upload_phase=start → {video_id, upload_url}; POST the rupload URL with
//   `Authorization: OAuth <page token>` and a `file_url` header (or the bytes); upload_phase=finish with video_id,
//   video_state (PUBLISHED | DRAFT | SCHEDULED) and description → {success: true};
// - photo stories: an unpublished photo, then POST /{page-id}/photo_stories photo_id → {success, post_id};
// - video stories: the same three phases on /{page-id}/video_stories; finish answers {success, post_id}.
// Every one takes a Page token with pages_manage_posts and pages_read_engagement. Parameters an edge does not have
// are refused. Durations and aspect ratios are checked when the file's movie header carries them.

const VIDEO_FORMATS = ['mp4', 'mov'];
const MAX_VIDEO_BYTES = 1024 * 1024 * 1024;
const MAX_STORY_PHOTO_BYTES = 10 * 1024 * 1024;
const TRANSPORT = ['access_token', 'appsecret_proof', 'fields'];

type Flow = 'video_reels' | 'video_stories';

interface UploadSession {
  id: string;
  pageId: string;
  flow: Flow;
  appId: string;
  media?: LedgerMedia;
  /** From the file's movie header, when it has one. */
  durationSec?: number;
  width?: number;
  height?: number;
  finished: boolean;
}

/** Reels: 3–90 s, 9:16, at least 540×960 (Reels Publishing API); video stories: 3–60 s, 9:16 (Page Stories). */
const FLOW_LIMITS: Record<Flow, { minSec: number; maxSec: number }> = { video_reels: { minSec: 3, maxSec: 90 }, video_stories: { minSec: 3, maxSec: 60 } };

function videoSpecProblem(session: UploadSession): SandboxReply | undefined {
  const limits = FLOW_LIMITS[session.flow];
  const what = session.flow === 'video_reels' ? 'A reel' : 'A video story';
  const refuse = (detail: string): SandboxReply => graphError(400, { message: `(#6000) There was a problem uploading your video file: ${detail}`, code: 6000, error_subcode: 1363023 });
  if (session.durationSec !== undefined && (session.durationSec < limits.minSec || session.durationSec > limits.maxSec)) {
    return refuse(`${what} must be ${limits.minSec} to ${limits.maxSec} seconds long; this one is ${Math.round(session.durationSec)} s.`);
  }
  if (session.width && session.height) {
    if (Math.abs(session.width / session.height - 9 / 16) > 0.01) return refuse(`${what} must be 9:16; this one is ${session.width}x${session.height}.`);
    if (session.width < 540 || session.height < 960) return refuse(`${what} must be at least 540x960 pixels.`);
  }
  return undefined;
}

const sessions = new WeakMap<SandboxContext['graph'], Map<string, UploadSession>>();

function sessionsOf(ctx: SandboxContext): Map<string, UploadSession> {
  let map = sessions.get(ctx.graph);
  if (!map) {
    map = new Map();
    sessions.set(ctx.graph, map);
  }
  return map;
}

function writer(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply | undefined {
  if (!pageAccess(ctx, token, pageId)) return unsupportedRequest('POST', pageId);
  if (token.kind !== 'fb-page' || !token.scopes.includes('pages_manage_posts') || !token.scopes.includes('pages_read_engagement')) {
    return permissionError(200, 'If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission');
  }
  req.identify(pageId);
  return undefined;
}

function extraParam(params: Map<string, string>, accepted: readonly string[]): SandboxReply | undefined {
  const extra = [...params.keys()].find((k) => !TRANSPORT.includes(k) && !accepted.includes(k));
  return extra ? paramError(`(#100) Param ${extra} is not a valid parameter for this call`) : undefined;
}

function received(params: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...params].filter(([k]) => !TRANSPORT.includes(k)));
}

async function fetchVideoAt(ctx: SandboxContext, url: string): Promise<{ ok: true; media: LedgerMedia; durationSec?: number; width?: number; height?: number } | { ok: false; reply: SandboxReply }> {
  const fetched = await fetchRemoteMedia(ctx, url, MAX_VIDEO_BYTES);
  if (!fetched.ok) return { ok: false, reply: graphError(400, { message: `(#100) Failed to fetch the video at file_url: ${fetched.detail}`, code: 100, error_subcode: 1363030 }) };
  const sniff = sniffMedia(fetched.data);
  if (!VIDEO_FORMATS.includes(sniff.format)) return { ok: false, reply: graphError(400, { message: "(#352) Sorry, the video file you selected is in a format that we don't support.", code: 352 }) };
  return { ok: true, media: mediaDigest(url, fetched.data, sniff.format), durationSec: sniff.durationSec, width: sniff.width, height: sniff.height };
}

function storePost(ctx: SandboxContext, post: FbPost): void {
  ctx.graph.fbPosts.set(post.id, post);
}

/** `POST /{page-id}/videos`: a video post from `file_url`. */
export async function createVideo(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): Promise<SandboxReply> {
  const denied = writer(ctx, req, token, pageId);
  if (denied) return denied;
  const p = allParams(req);
  const refused = extraParam(p, ['file_url', 'description', 'title', 'published', 'scheduled_publish_time', 'thumb']);
  if (refused) return refused;
  const url = p.get('file_url');
  if (!url) return graphError(400, { message: '(#100) Either file_url or an uploaded video is required', code: 100 });
  const video = await fetchVideoAt(ctx, url);
  if (!video.ok) return video.reply;
  const id = ctx.graph.postIds.next();
  const description = p.get('description') ?? '';
  const post: FbPost = { id, pageId, message: description, photoIds: [], createdAt: req.receivedAt, permalink: `/${pageId}/videos/${id}/`, published: p.get('published') !== 'false' };
  storePost(ctx, post);
  if (post.published) {
    ctx.ledger.recordPublished({ platform: 'facebook', via: 'facebook-login', kind: 'video', appId: token.appId, accountId: pageId, releaseId: id, text: description, mediaUrls: [url], media: [video.media], permalink: post.permalink, receivedAt: req.receivedAt, params: received(p) });
  }
  return jsonReply(200, { id });
}

/** `POST /{page-id}/video_reels` and `/video_stories`: the start and finish phases. */
export function videoFlow(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string, flow: Flow): SandboxReply {
  const denied = writer(ctx, req, token, pageId);
  if (denied) return denied;
  const p = allParams(req);
  const phase = p.get('upload_phase');
  if (phase === 'start') {
    const refused = extraParam(p, ['upload_phase']);
    if (refused) return refused;
    const id = ctx.graph.postIds.next();
    sessionsOf(ctx).set(id, { id, pageId, flow, appId: token.appId, finished: false });
    return jsonReply(200, { video_id: id, upload_url: `https://rupload.facebook.com/video-upload/${req.graphVersion ?? ctx.graphVersion}/${id}` });
  }
  if (phase !== 'finish') return paramError('(#100) upload_phase must be one of start, transfer, finish');
  const accepted = flow === 'video_reels' ? ['upload_phase', 'video_id', 'video_state', 'description', 'title', 'scheduled_publish_time', 'place', 'share_to_ig'] : ['upload_phase', 'video_id'];
  const refused = extraParam(p, accepted);
  if (refused) return refused;
  const session = sessionsOf(ctx).get(p.get('video_id') ?? '');
  if (!session || session.pageId !== pageId || session.flow !== flow) return paramError('(#100) Invalid video_id for this upload session');
  if (session.finished) return paramError('(#100) This upload session is already finished');
  if (!session.media) return graphError(400, { message: '(#6000) There was a problem uploading your video file: the upload phase did not complete', code: 6000, error_subcode: 1363019 });
  const spec = videoSpecProblem(session);
  if (spec) return spec;
  if (flow === 'video_reels') {
    const state = p.get('video_state');
    if (!state || !['PUBLISHED', 'DRAFT', 'SCHEDULED'].includes(state)) return paramError('(#100) video_state must be one of PUBLISHED, DRAFT, SCHEDULED');
    if (state === 'SCHEDULED' && !p.get('scheduled_publish_time')) return paramError('(#100) scheduled_publish_time is required when video_state is SCHEDULED');
  }
  session.finished = true;
  const description = p.get('description') ?? '';
  const kind = flow === 'video_reels' ? 'reel' : 'story';
  const postId = flow === 'video_stories' ? `${pageId}_${ctx.graph.postIds.next()}` : undefined;
  const id = postId ?? session.id;
  const published = flow === 'video_stories' || p.get('video_state') === 'PUBLISHED';
  storePost(ctx, { id, pageId, message: description, photoIds: [], createdAt: req.receivedAt, permalink: flow === 'video_reels' ? `/reel/${session.id}` : `/stories/${pageId}`, published });
  if (published) {
    ctx.ledger.recordPublished({ platform: 'facebook', via: 'facebook-login', kind, appId: token.appId, accountId: pageId, releaseId: id, text: description, mediaUrls: [session.media.url], media: [session.media], receivedAt: req.receivedAt, params: received(p) });
  }
  return jsonReply(200, postId ? { success: true, post_id: postId } : { success: true });
}

/** rupload: `POST /video-upload/{version}/{video-id}` with `Authorization: OAuth <page token>` and a `file_url` header. */
export async function uploadVideo(ctx: SandboxContext, req: SandboxRequest, videoId: string): Promise<SandboxReply> {
  const auth = requireGraphToken(ctx, req, 'facebook');
  if (!auth.ok) return auth.reply;
  const session = sessionsOf(ctx).get(videoId);
  if (!session || !pageAccess(ctx, auth.token, session.pageId) || auth.token.kind !== 'fb-page') {
    return graphError(400, { message: 'Invalid upload session or access token for this video', code: 100 });
  }
  const header = req.headers['file_url'];
  const fileUrl = Array.isArray(header) ? header[0] : header;
  if (!fileUrl) return paramError('(#100) The upload needs a file_url header (or offset and file_size with the bytes)');
  const video = await fetchVideoAt(ctx, fileUrl);
  if (!video.ok) return video.reply;
  Object.assign(session, { media: video.media, durationSec: video.durationSec, width: video.width, height: video.height });
  return jsonReply(200, { success: true });
}

/** `POST /{page-id}/photo_stories` with `photo_id`: an unpublished photo of the Page becomes a story. */
export function photoStory(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply {
  const denied = writer(ctx, req, token, pageId);
  if (denied) return denied;
  const p = allParams(req);
  const refused = extraParam(p, ['photo_id']);
  if (refused) return refused;
  const photo = ctx.graph.fbPhotos.get(p.get('photo_id') ?? '');
  if (!photo || photo.pageId !== pageId || photo.published || photo.postId) return paramError('(#100) photo_id must be an unpublished photo of this Page');
  if (photo.media.bytes > MAX_STORY_PHOTO_BYTES) return paramError('(#100) A story photo cannot exceed 10MB');
  const postId = `${pageId}_${ctx.graph.postIds.next()}`;
  photo.postId = postId;
  storePost(ctx, { id: postId, pageId, message: '', photoIds: [photo.id], createdAt: req.receivedAt, permalink: `/stories/${pageId}`, published: true });
  ctx.ledger.recordPublished({ platform: 'facebook', via: 'facebook-login', kind: 'story', appId: token.appId, accountId: pageId, releaseId: postId, text: '', mediaUrls: [photo.media.url], media: [photo.media], receivedAt: req.receivedAt, params: received(p) });
  return jsonReply(200, { success: true, post_id: postId });
}
