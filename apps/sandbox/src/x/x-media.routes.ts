import { z } from 'zod';
import { type SandboxContext } from '../context';
import { allParams, emptyReply, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { authenticateXUser } from './x-auth';
import { v1Error, v2InvalidRequest } from './x-errors';
import { xRateLimit } from './x-limits';
import { appendSegment, finalizeMedia, findMedia, initMedia, processingInfo, X_MEDIA_CATEGORIES, X_MEDIA_TYPES } from './x-media-store';
import { zodIssuesToXErrors } from './tweet-schema';
import { type XMedia } from './x-state';

const InitializeSchema = z
  .object({
    media_type: z.enum(X_MEDIA_TYPES as [string, ...string[]]),
    total_bytes: z.number().int().min(1).max(17_179_869_184),
    media_category: z.enum(X_MEDIA_CATEGORIES as [string, ...string[]]).optional(),
    additional_owners: z.array(z.string().regex(/^[0-9]{1,19}$/)).optional(),
    shared: z.boolean().optional(),
  })
  .strict();

const snowflake = z.string().regex(/^[0-9]{1,19}$/);
const anyObject = z.record(z.string(), z.unknown());

/**
 * POST /2/media/metadata (https://docs.x.com/x-api/media/create-media-metadata): `{id, metadata}`, each metadata
 * member an object of its own; alt text at most 1,000 characters (media/metadata/create, images and GIFs only).
 */
const MetadataSchema = z
  .object({
    id: snowflake,
    metadata: z
      .object({
        alt_text: z.object({ text: z.string().max(1000) }).strict().optional(),
        allow_download_status: anyObject.optional(),
        audience_policy: anyObject.optional(),
        content_expiration: anyObject.optional(),
        domain_restrictions: anyObject.optional(),
        found_media_origin: anyObject.optional(),
        geo_restrictions: anyObject.optional(),
        management_info: anyObject.optional(),
        preview_image: anyObject.optional(),
        sensitive_media_warning: anyObject.optional(),
        shared_info: anyObject.optional(),
        sticker_info: anyObject.optional(),
        upload_source: anyObject.optional(),
      })
      .strict(),
  })
  .strict();

/** The `media` bytes of a request: a multipart part (raw), `media_data` (base64), or a JSON base64 string. */
export function mediaPayload(req: SandboxRequest): Buffer | undefined {
  const part = req.multipart.find((p) => p.name === 'media');
  if (part) return part.data;
  const params = allParams(req);
  const b64 = params.get('media_data') ?? (req.bodyKind === 'json' ? params.get('media') : undefined);
  return b64 === undefined ? undefined : Buffer.from(b64, 'base64');
}

function v2Data(ctx: SandboxContext, media: XMedia, forStatus: boolean): Record<string, unknown> {
  const info = processingInfo(ctx, media, forStatus);
  return {
    id: media.id,
    media_key: media.mediaKey,
    size: media.totalBytes,
    expires_after_secs: Math.max(0, Math.floor((media.expiresAt - ctx.clock.now()) / 1000)),
    ...(info ? { processing_info: info } : {}),
  };
}

/** v1.1 bodies carry `media_id` as a JSON number (precision loss included, as on X); clients read `media_id_string`. */
function v1Body(ctx: SandboxContext, media: XMedia, forStatus: boolean): SandboxReply {
  const data = v2Data(ctx, media, forStatus);
  const rest = JSON.stringify({ media_id_string: media.id, media_key: media.mediaKey, size: data.size, expires_after_secs: data.expires_after_secs, ...(data.processing_info ? { processing_info: data.processing_info } : {}) });
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"media_id":${media.id},${rest.slice(1)}` };
}

type Style = 'v2' | 'v1';

/** The INIT/APPEND/FINALIZE/STATUS commands, shared by v2's legacy `command=` form and v1.1. */
function runCommand(ctx: SandboxContext, req: SandboxRequest, userId: string, style: Style, headers: Record<string, string>): SandboxReply {
  const params = allParams(req);
  const fail = (message: string, code = 324): SandboxReply => (style === 'v2' ? v2InvalidRequest([{ message }], headers) : v1Error(400, code, message, headers));
  const command = params.get('command');
  if (command === 'INIT') {
    const result = initMedia(ctx, {
      ownerId: userId,
      mediaType: params.get('media_type') ?? '',
      totalBytes: Number(params.get('total_bytes')),
      ...(params.get('media_category') ? { category: params.get('media_category') } : {}),
      ...(params.get('additional_owners') ? { additionalOwners: (params.get('additional_owners') ?? '').split(',') } : {}),
    });
    if (typeof result === 'string') return fail(result);
    return style === 'v2' ? jsonReply(202, { data: v2Data(ctx, result, false) }, headers) : withHeaders(v1Body(ctx, result, false), headers, 202);
  }
  const media = findMedia(ctx, params.get('media_id'), userId);
  if (!media) return fail('A media id was not found.', 325);
  if (command === 'APPEND') {
    const data = mediaPayload(req);
    const problem = appendSegment(media, Number(params.get('segment_index')), data ?? Buffer.alloc(0));
    if (problem) return fail(problem);
    return style === 'v2' ? jsonReply(200, { data: { expires_at: Math.floor(media.expiresAt / 1000) } }, headers) : emptyReply(204, headers);
  }
  if (command === 'FINALIZE') {
    const problem = finalizeMedia(ctx, media);
    if (problem) return fail(problem);
    return style === 'v2' ? jsonReply(201, { data: v2Data(ctx, media, false) }, headers) : withHeaders(v1Body(ctx, media, false), headers, 201);
  }
  if (command === 'STATUS') {
    return style === 'v2' ? jsonReply(200, { data: v2Data(ctx, media, true) }, headers) : withHeaders(v1Body(ctx, media, true), headers, 200);
  }
  return fail('command must be one of INIT, APPEND, FINALIZE, STATUS.');
}

function withHeaders(reply: SandboxReply, headers: Record<string, string>, status: number): SandboxReply {
  return { ...reply, status, headers: { ...reply.headers, ...headers } };
}

/** One-shot upload: the whole file in one request (images and subtitles). */
function simpleUpload(ctx: SandboxContext, req: SandboxRequest, userId: string, style: Style, headers: Record<string, string>): SandboxReply {
  const params = allParams(req);
  const data = mediaPayload(req);
  const fail = (message: string): SandboxReply => (style === 'v2' ? v2InvalidRequest([{ message }], headers) : v1Error(400, 324, message, headers));
  if (!data || data.length === 0) return fail('media is required.');
  const category = params.get('media_category');
  const media = initMedia(ctx, { ownerId: userId, mediaType: params.get('media_type') ?? guessType(data), totalBytes: data.length, ...(category ? { category } : {}) });
  if (typeof media === 'string') return fail(media);
  if (media.kind === 'video' || media.kind === 'gif') return fail('Videos and GIFs must be uploaded in chunks.');
  appendSegment(media, 0, data);
  const problem = finalizeMedia(ctx, media);
  if (problem) return fail(problem);
  return style === 'v2' ? jsonReply(200, { data: v2Data(ctx, media, false) }, headers) : withHeaders(v1Body(ctx, media, false), headers, 200);
}

function guessType(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data[0] === 0x89 && data[1] === 0x50) return 'image/png';
  if (data.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return 'application/octet-stream';
}

export function registerXMediaV2Routes(router: Router, ctx: SandboxContext): void {
  const guard = (req: SandboxRequest): { userId: string; headers: Record<string, string> } | SandboxReply => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'media', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    return { userId: auth.access.userId, headers: limit.headers };
  };

  router.post('/2/media/upload/initialize', (req) => {
    const g = guard(req);
    if ('status' in g) return g;
    if (req.bodyKind !== 'json' || req.jsonInvalid) return v2InvalidRequest([{ message: 'Requests with bodies must have content-type of application/json.' }], g.headers);
    const parsed = InitializeSchema.safeParse(req.json);
    if (!parsed.success) return v2InvalidRequest(zodIssuesToXErrors(parsed.error), g.headers);
    const b = parsed.data;
    const media = initMedia(ctx, {
      ownerId: g.userId,
      mediaType: b.media_type,
      totalBytes: b.total_bytes,
      ...(b.media_category ? { category: b.media_category } : {}),
      ...(b.additional_owners ? { additionalOwners: b.additional_owners } : {}),
    });
    if (typeof media === 'string') return v2InvalidRequest([{ message: media }], g.headers);
    return jsonReply(200, { data: { id: media.id, media_key: media.mediaKey, expires_after_secs: Math.floor((media.expiresAt - ctx.clock.now()) / 1000) } }, g.headers);
  });

  router.post('/2/media/upload/:id/append', (req, params) => {
    const g = guard(req);
    if ('status' in g) return g;
    const media = findMedia(ctx, params.id, g.userId);
    if (!media) return v2InvalidRequest([{ message: 'A media id was not found.', parameters: { id: [params.id] } }], g.headers);
    const problem = appendSegment(media, Number(allParams(req).get('segment_index')), mediaPayload(req) ?? Buffer.alloc(0));
    if (problem) return v2InvalidRequest([{ message: problem }], g.headers);
    return jsonReply(200, { data: { expires_at: Math.floor(media.expiresAt / 1000) } }, g.headers);
  });

  router.post('/2/media/upload/:id/finalize', (req, params) => {
    const g = guard(req);
    if ('status' in g) return g;
    const media = findMedia(ctx, params.id, g.userId);
    if (!media) return v2InvalidRequest([{ message: 'A media id was not found.', parameters: { id: [params.id] } }], g.headers);
    const problem = finalizeMedia(ctx, media);
    if (problem) return v2InvalidRequest([{ message: problem }], g.headers);
    return jsonReply(200, { data: v2Data(ctx, media, false) }, g.headers);
  });

  router.post('/2/media/metadata', (req) => {
    const g = guard(req);
    if ('status' in g) return g;
    if (req.bodyKind !== 'json' || req.jsonInvalid) return v2InvalidRequest([{ message: 'Requests with bodies must have content-type of application/json.' }], g.headers);
    const parsed = MetadataSchema.safeParse(req.json);
    if (!parsed.success) return v2InvalidRequest(zodIssuesToXErrors(parsed.error), g.headers);
    const media = findMedia(ctx, parsed.data.id, g.userId);
    if (!media) return v2InvalidRequest([{ message: 'A media id was not found.', parameters: { id: [parsed.data.id] } }], g.headers);
    const alt = parsed.data.metadata.alt_text;
    if (alt && media.kind !== 'image' && media.kind !== 'gif') {
      return v2InvalidRequest([{ message: 'Alt text is supported for images and GIFs only.', parameters: { id: [media.id] } }], g.headers);
    }
    if (alt) media.altText = alt.text;
    return jsonReply(200, { data: { id: media.id, associated_metadata: parsed.data.metadata } }, g.headers);
  });

  router.get('/2/media/upload', (req) => {
    const g = guard(req);
    if ('status' in g) return g;
    if (req.query.get('command') !== 'STATUS') return v2InvalidRequest([{ message: 'command must be STATUS.' }], g.headers);
    return runCommand(ctx, req, g.userId, 'v2', g.headers);
  });

  router.post('/2/media/upload', (req) => {
    const g = guard(req);
    if ('status' in g) return g;
    return allParams(req).has('command') ? runCommand(ctx, req, g.userId, 'v2', g.headers) : simpleUpload(ctx, req, g.userId, 'v2', g.headers);
  });
}

/** upload.x.com/1.1/media/upload.json (twitter-api-v2's `v1.uploadMedia`). */
export function registerXMediaV1Routes(router: Router, ctx: SandboxContext): void {
  const handler = (req: SandboxRequest): SandboxReply => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'media', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const params = allParams(req);
    if (req.method === 'GET' && params.get('command') !== 'STATUS') return v1Error(400, 38, 'command parameter is missing.', limit.headers);
    return params.has('command') ? runCommand(ctx, req, auth.access.userId, 'v1', limit.headers) : simpleUpload(ctx, req, auth.access.userId, 'v1', limit.headers);
  };
  router.post('/1.1/media/upload.json', handler);
  router.get('/1.1/media/upload.json', handler);
}
