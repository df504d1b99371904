// Customers and tags for scripts/mock-api.mjs (docs/http-api.md): in memory, per organization. Names are unique
// whatever their case (409 name_taken); changing customers, assigning channels and deleting tags need OWNER or
// ADMIN (a MEMBER gets a 403), as on the real server.
import { randomUUID } from 'node:crypto';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const COLOR = /^#[0-9a-f]{6}$/i;

function orgState(org) {
  org.customers ??= [];
  org.tags ??= [];
  return org;
}

const nameOf = (value, max) => (typeof value === 'string' && value.trim() !== '' && value.trim().length <= max ? value.trim() : null);
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const customerItem = (org, customer) => ({ id: customer.id, name: customer.name, channels: org.channels.filter((c) => c.customerId === customer.id).length });

/** The live tags of the organization named by `labels` (exactly), as tag ids. */
export function tagIdsFor(org, labels) {
  orgState(org);
  return org.tags.filter((tag) => !tag.deletedAt && labels.includes(tag.name)).map((tag) => tag.id);
}

export function tagById(org, id) {
  orgState(org);
  return org.tags.find((tag) => tag.id === id && !tag.deletedAt);
}

/** Returns true when it answered. */
export async function handleOrganizing(req, res, { org, path, send, fail, readBody }) {
  orgState(org);
  const manager = org.role === 'OWNER' || org.role === 'ADMIN';
  const forbidden = () => (fail(res, 403, 'forbidden', 'Only owners and admins can do that.'), true);
  let m;

  if (path === '/customers' && req.method === 'GET') {
    send(res, 200, org.customers.map((c) => customerItem(org, c)).sort((a, b) => a.name.localeCompare(b.name)));
    return true;
  }
  if (path === '/customers' && req.method === 'POST') {
    if (!manager) return forbidden();
    const name = nameOf((await readBody(req)).name, 100);
    if (!name) return fail(res, 400, 'validation_failed', 'The name is invalid.', [{ field: 'name', message: 'name must be between 1 and 100 characters' }]), true;
    if (org.customers.some((c) => same(c.name, name))) return fail(res, 409, 'name_taken', `There is already a customer named “${name}”.`), true;
    const customer = { id: randomUUID(), name };
    org.customers.push(customer);
    send(res, 201, customerItem(org, customer));
    return true;
  }
  if ((m = /^\/customers\/([^/]+)$/.exec(path))) {
    const customer = org.customers.find((c) => c.id === m[1]);
    if (req.method === 'PUT') {
      if (!manager) return forbidden();
      const name = nameOf((await readBody(req)).name, 100);
      if (!name) return fail(res, 400, 'validation_failed', 'The name is invalid.'), true;
      if (org.customers.some((c) => c !== customer && same(c.name, name))) return fail(res, 409, 'name_taken', `There is already a customer named “${name}”.`), true;
      if (!customer) return fail(res, 404, 'not_found', 'Customer not found.'), true;
      customer.name = name;
      send(res, 200, { id: customer.id, name });
      return true;
    }
    if (req.method === 'DELETE') {
      if (!manager) return forbidden();
      if (!customer) return fail(res, 404, 'not_found', 'Customer not found.'), true;
      org.customers = org.customers.filter((c) => c !== customer);
      org.channels.forEach((c) => c.customerId === customer.id && (c.customerId = null));
      send(res, 200, { id: customer.id, deleted: true });
      return true;
    }
  }
  if ((m = /^\/integrations\/([^/]+)\/customer$/.exec(path)) && req.method === 'PUT') {
    if (!manager) return forbidden();
    const channel = org.channels.find((c) => c.id === m[1]);
    const body = await readBody(req);
    let customer = null;
    if (typeof body.customerId === 'string') {
      customer = org.customers.find((c) => c.id === body.customerId);
      if (!customer) return fail(res, 404, 'not_found', 'Customer not found.'), true;
    } else if (body.customerId !== null) {
      const name = nameOf(body.name, 100);
      if (!name) return fail(res, 400, 'validation_failed', 'Say which customer.'), true;
      customer = org.customers.find((c) => same(c.name, name));
      if (!customer) org.customers.push((customer = { id: randomUUID(), name }));
    }
    if (!channel) return fail(res, 404, 'not_found', 'Channel not found.'), true;
    channel.customerId = customer?.id ?? null;
    send(res, 200, { customer: customer ? { id: customer.id, name: customer.name } : null });
    return true;
  }

  if (path === '/tags' && req.method === 'GET') {
    send(res, 200, org.tags.filter((t) => !t.deletedAt).sort((a, b) => a.name.localeCompare(b.name)).map(({ id, name, color, createdAt }) => ({ id, name, color, createdAt })));
    return true;
  }
  if (path === '/tags' && req.method === 'POST') {
    const body = await readBody(req);
    const name = nameOf(body.name, 50);
    if (!name) return fail(res, 400, 'validation_failed', 'The name is invalid.'), true;
    if (body.color !== undefined && !COLOR.test(String(body.color))) return fail(res, 400, 'validation_failed', 'The color is invalid.', [{ field: 'color', message: 'color must be a hex color like #2563eb' }]), true;
    const live = org.tags.filter((t) => !t.deletedAt);
    if (live.some((t) => same(t.name, name))) return fail(res, 409, 'name_taken', `There is already a tag named “${name}”.`), true;
    const now = new Date().toISOString();
    const tag = { id: randomUUID(), name, color: (body.color ?? PALETTE[live.length % PALETTE.length]).toLowerCase(), orgId: org.id, deletedAt: null, createdAt: now, updatedAt: now };
    org.tags.push(tag);
    send(res, 201, { id: tag.id, name: tag.name, color: tag.color, createdAt: tag.createdAt });
    return true;
  }
  if ((m = /^\/tags\/([^/]+)$/.exec(path))) {
    const tag = org.tags.find((t) => t.id === m[1] && !t.deletedAt);
    if (req.method === 'PUT') {
      const body = await readBody(req);
      const name = body.name === undefined ? undefined : nameOf(body.name, 50);
      if (name === null) return fail(res, 400, 'validation_failed', 'The name is invalid.'), true;
      if (body.color !== undefined && !COLOR.test(String(body.color))) return fail(res, 400, 'validation_failed', 'The color is invalid.'), true;
      if (name && org.tags.some((t) => t !== tag && !t.deletedAt && same(t.name, name))) return fail(res, 409, 'name_taken', `There is already a tag named “${name}”.`), true;
      if (!tag) return fail(res, 404, 'not_found', 'Tag not found.'), true;
      if (name) tag.name = name;
      if (body.color) tag.color = body.color.toLowerCase();
      tag.updatedAt = new Date().toISOString();
      send(res, 200, { id: tag.id, name: tag.name, color: tag.color, createdAt: tag.createdAt });
      return true;
    }
    if (req.method === 'DELETE') {
      if (!manager) return forbidden();
      if (!tag) return fail(res, 404, 'not_found', 'Tag not found.'), true;
      tag.deletedAt = new Date().toISOString();
      send(res, 200, { id: tag.id, deleted: true });
      return true;
    }
  }
  return false;
}
