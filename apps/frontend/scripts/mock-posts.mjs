// Posts, media and notifications for scripts/mock-api.mjs (docs/http-api.md). In memory, per organization.
// A post whose time has come is "published" a moment later; content containing FAIL gets a 400 with details.
import { randomUUID } from 'node:crypto';
import { tagById, tagIdsFor } from './mock-organizing.mjs';

const media = new Map(); // id -> { bytes, mime }

const SIGNATURES = [
  ['image/jpeg', 'jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', 'png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/gif', 'gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', 'webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['video/mp4', 'mp4', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp'],
];

function orgState(org) {
  org.posts ??= [];
  org.notifications ??= [];
  return org;
}

export function seedPosts(org, count, weekStart) {
  orgState(org);
  const channels = org.channels.filter((c) => !c.disabled && !c.inBetweenSteps);
  const states = ['QUEUE', 'QUEUE', 'QUEUE', 'PUBLISHED', 'DRAFT', 'ERROR', 'UNCONFIRMED', 'PUBLISHING'];
  for (let i = 0; i < count; i += 1) {
    const channel = channels[i % channels.length];
    const at = new Date(weekStart.getTime() + ((i * 7919) % (7 * 24 * 4)) * 15 * 60_000);
    const state = states[i % states.length];
    org.posts.push(row(channel, randomUUID(), `Seeded post ${i + 1}: a launch note with a link https://example.com/${i}`, [], 0, state, at, null, { __type: channel.identifier }));
  }
}

function row(channel, group, content, image, delay, state, date, parentId, settings) {
  return { id: randomUUID(), group, integrationId: channel.id, content, image, delay, state, publishDate: date.toISOString(), releaseURL: state === 'PUBLISHED' ? `https://x.example/status/${Date.now()}` : null, releaseId: null, parentId, settings, error: state === 'ERROR' ? 'The platform refused the image (code 324).' : null };
}

function listItem(org, post) {
  const channel = org.channels.find((c) => c.id === post.integrationId);
  return {
    id: post.id, content: post.content, publishDate: post.publishDate, releaseURL: post.releaseURL, releaseId: post.releaseId, state: post.state,
    intervalInDays: null, group: post.group, creationMethod: 'WEB', settings: JSON.stringify(post.settings ?? {}),
    tags: (post.tagIds ?? []).map((id) => tagById(org, id)).filter(Boolean).map((tag) => ({ tag })),
    integration: { id: channel.id, providerIdentifier: channel.identifier, name: channel.name, picture: channel.picture },
  };
}

function publishDue(org) {
  const now = Date.now();
  for (const post of org.posts) {
    if (post.state === 'QUEUE' && Date.parse(post.publishDate) <= now - 1500) {
      post.state = 'PUBLISHED';
      post.releaseId = String(now);
      post.releaseURL = `https://x.example/sandbox/status/${now}`;
      org.notifications.unshift({ id: randomUUID(), type: 'post.published', message: `Your post was published on ${org.channels.find((c) => c.id === post.integrationId)?.name}.`, postId: post.id, createdAt: new Date().toISOString(), read: false });
    }
  }
}

function writeGroup(org, body, group) {
  const details = [];
  body.posts.forEach((entry, i) => {
    entry.value.forEach((value, j) => {
      if (String(value.content).includes('FAIL')) details.push({ channel: entry.integration.id, field: `posts.${i}.value.${j}.content`, code: 'bad_content', message: 'The server refused this text (it contains FAIL).' });
    });
  });
  if (details.length > 0) return { error: { statusCode: 400, code: 'validation_failed', message: 'Some channels cannot take this post.', details } };
  const existing = group ? org.posts.filter((p) => p.group === group) : [];
  if (existing.some((p) => p.state === 'PUBLISHED') && body.type !== 'draft') return { error: { statusCode: 400, code: 'post_already_published', message: 'This post was already published. Pass republish: true to publish it again.' } };
  org.posts = org.posts.filter((p) => !existing.includes(p));
  // Tags by label (exactly); a body without `tags` keeps the group's.
  const tagIds = Array.isArray(body.tags) ? tagIdsFor(org, body.tags.map((t) => t?.label).filter((l) => typeof l === 'string')) : (existing.find((p) => !p.parentId)?.tagIds ?? []);
  const id = group ?? randomUUID();
  const date = body.type === 'now' ? new Date() : new Date(body.date);
  const state = body.type === 'draft' ? 'DRAFT' : 'QUEUE';
  const result = [];
  for (const entry of body.posts) {
    const channel = org.channels.find((c) => c.id === entry.integration.id);
    let parent = null;
    entry.value.forEach((value, j) => {
      const post = row(channel, id, value.content, value.image ?? [], value.delay ?? 0, state, date, parent, entry.settings);
      if (value.id && !org.posts.some((p) => p.id === value.id)) post.id = value.id;
      if (j === 0) post.tagIds = tagIds;
      org.posts.push(post);
      if (j === 0) result.push({ postId: post.id, integration: channel.id, group: id });
      parent = post.id;
    });
  }
  return { result };
}

async function readRaw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function fileFromMultipart(req, raw) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
  if (!boundary) return null;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(marker);
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const end = raw.indexOf(marker, headerEnd);
  if (start < 0 || headerEnd < 0 || end < 0) return null;
  const headers = raw.subarray(start, headerEnd).toString();
  const name = /filename="([^"]*)"/.exec(headers)?.[1] ?? 'file';
  return { name, bytes: raw.subarray(headerEnd + 4, end - 2) };
}

/** Public, like the backend's /uploads: platforms fetch these without a session. */
export function serveUpload(req, res, path) {
  const item = media.get(path.slice('/uploads/'.length).split('.')[0]);
  if (!item) return false;
  res.writeHead(200, { 'Content-Type': item.mime, 'Access-Control-Allow-Origin': '*' });
  res.end(item.bytes);
  return true;
}

/** Returns true when it answered. */
export async function handlePosts(req, res, { org, url, send, fail, readBody, base }) {
  orgState(org);
  publishDue(org);
  const path = url.pathname;
  let m;
  if (req.method === 'POST' && path === '/media/upload') {
    const file = fileFromMultipart(req, await readRaw(req));
    if (!file) return fail(res, 400, 'bad_request', 'Send the file as the multipart field "file".'), true;
    const kind = SIGNATURES.find(([, , test]) => test(file.bytes));
    if (!kind) return fail(res, 400, 'unsupported_media_type', `${file.name} is not a JPEG, PNG, GIF, WebP or MP4 file.`), true;
    const id = randomUUID();
    media.set(id, { bytes: file.bytes, mime: kind[0] });
    send(res, 201, { id, name: file.name, path: `${base}/uploads/${id}.${kind[1]}`, type: kind[0], size: file.bytes.length });
    return true;
  }
  if (req.method === 'GET' && path === '/posts') {
    const start = Date.parse(url.searchParams.get('startDate'));
    const end = Date.parse(url.searchParams.get('endDate'));
    if (Number.isNaN(start) || Number.isNaN(end)) return fail(res, 400, 'validation_failed', 'The date range is invalid.'), true;
    const customer = url.searchParams.get('customer');
    const ofCustomer = (p) => !customer || org.channels.find((c) => c.id === p.integrationId)?.customerId === customer;
    const posts = org.posts.filter((p) => !p.parentId && Date.parse(p.publishDate) >= start && Date.parse(p.publishDate) <= end && ofCustomer(p));
    send(res, 200, { posts: posts.map((p) => listItem(org, p)) });
    return true;
  }
  if (req.method === 'POST' && path === '/posts') {
    const { result, error } = writeGroup(org, await readBody(req), null);
    error ? send(res, error.statusCode, error) : send(res, 201, result);
    return true;
  }
  if ((m = /^\/posts\/([^/]+)\/date$/.exec(path)) && req.method === 'PUT') {
    const post = org.posts.find((p) => p.id === m[1]);
    if (!post) return fail(res, 404, 'not_found', 'Post not found.'), true;
    if (post.state === 'PUBLISHED') return fail(res, 409, 'post_already_published', 'This post was already published; it cannot be moved.'), true;
    const { date } = await readBody(req);
    for (const p of org.posts.filter((p) => p.group === post.group && p.integrationId === post.integrationId)) p.publishDate = new Date(date).toISOString();
    send(res, 200, { id: post.id, state: post.state, publishDate: post.publishDate });
    return true;
  }
  if ((m = /^\/posts\/([^/]+)\/retry$/.exec(path)) && req.method === 'POST') {
    const post = org.posts.find((p) => p.id === m[1]);
    if (!post) return fail(res, 404, 'not_found', 'Post not found.'), true;
    post.state = 'QUEUE';
    post.error = null;
    send(res, 200, { id: post.id, state: post.state, publishDate: post.publishDate });
    return true;
  }
  if ((m = /^\/posts\/([^/]+)$/.exec(path))) {
    if (req.method === 'GET') {
      const post = org.posts.find((p) => p.id === m[1]);
      if (!post) return fail(res, 404, 'not_found', 'Post not found.'), true;
      const rows = org.posts.filter((p) => p.group === post.group);
      const roots = rows.filter((p) => !p.parentId);
      const thread = (root) => {
        const list = [root];
        for (let next = rows.find((p) => p.parentId === root.id); next; next = rows.find((p) => p.parentId === next.id)) list.push(next);
        return list;
      };
      send(res, 200, {
        group: post.group,
        type: roots.every((r) => r.state === 'DRAFT') ? 'draft' : 'schedule',
        date: roots[0].publishDate,
        tags: (roots[0].tagIds ?? []).map((tagId) => tagById(org, tagId)).filter(Boolean).map((tag) => ({ value: tag.name, label: tag.name })),
        posts: roots.map((root) => {
          const channel = org.channels.find((c) => c.id === root.integrationId);
          return {
            integration: { id: channel.id, providerIdentifier: channel.identifier, name: channel.name, picture: channel.picture },
            settings: root.settings,
            value: thread(root).map(({ id, content, image, delay, state, publishDate, releaseURL, releaseId, error }) => ({ id, content, image, delay, state, publishDate, releaseURL, releaseId, error })),
          };
        }),
      });
      return true;
    }
    if (req.method === 'PUT') {
      if (!org.posts.some((p) => p.group === m[1])) return fail(res, 404, 'not_found', 'Post group not found.'), true;
      const { result, error } = writeGroup(org, await readBody(req), m[1]);
      error ? send(res, error.statusCode, error) : send(res, 200, result);
      return true;
    }
    if (req.method === 'DELETE') {
      const before = org.posts.length;
      org.posts = org.posts.filter((p) => p.group !== m[1]);
      if (before === org.posts.length) return fail(res, 404, 'not_found', 'Post group not found.'), true;
      send(res, 200, { group: m[1], deleted: before - org.posts.length });
      return true;
    }
  }
  if (req.method === 'GET' && path === '/notifications') {
    send(res, 200, { notifications: org.notifications.slice(0, 20), unread: org.notifications.filter((n) => !n.read).length });
    return true;
  }
  if (req.method === 'POST' && path === '/notifications/read') {
    org.notifications.forEach((n) => (n.read = true));
    send(res, 200, { unread: 0 });
    return true;
  }
  return false;
}
