import { type IncomingHttpHeaders } from 'node:http';

/** Each platform host the sandbox impersonates runs on its own port. */
export const SERVICE_IDS = [
  'admin',
  'x-api',
  'x-upload',
  'instagram-authorize',
  'instagram-api',
  'instagram-graph',
  'facebook-web',
  'facebook-graph',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];
export type Platform = 'x' | 'instagram' | 'facebook' | 'admin';

export const SERVICE_PLATFORM: Record<ServiceId, Platform> = {
  admin: 'admin',
  'x-api': 'x',
  'x-upload': 'x',
  'instagram-authorize': 'instagram',
  'instagram-api': 'instagram',
  'instagram-graph': 'instagram',
  'facebook-web': 'facebook',
  'facebook-graph': 'facebook',
};

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export type BodyKind = 'none' | 'json' | 'urlencoded' | 'multipart' | 'other';

export interface SandboxRequest {
  service: ServiceId;
  method: string;
  /** Path as routed (the Graph hosts strip their `/vXX.X` prefix into `graphVersion`). */
  path: string;
  /** Path exactly as received, without the query. */
  rawPath: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  bodyKind: BodyKind;
  /** Decoded `application/x-www-form-urlencoded` pairs, in order, duplicates kept. */
  form: Array<[string, string]>;
  multipart: MultipartPart[];
  json: unknown;
  /** The body was declared JSON but did not parse. */
  jsonInvalid: boolean;
  graphVersion?: string;
  /** Sandbox clock at arrival, in ms. */
  receivedAt: number;
  /** Called by handlers once they know which account acts; may throw a fault interrupt. */
  identify(accountId: string): void;
}

export interface SandboxReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (req: SandboxRequest, params: RouteParams) => SandboxReply | Promise<SandboxReply>;

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function problemReply(status: number, body: unknown, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify(body) };
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html };
}

export function redirectReply(location: string): SandboxReply {
  return { status: 302, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: '' };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers, body: '' };
}

/** Query string, then urlencoded form, then multipart text fields, then a JSON object's scalar members. */
export function allParams(req: SandboxRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of req.query) out.set(k, v);
  for (const [k, v] of req.form) out.set(k, v);
  for (const part of req.multipart) if (part.filename === undefined) out.set(part.name, part.data.toString('utf8'));
  if (req.json !== null && typeof req.json === 'object' && !Array.isArray(req.json)) {
    for (const [k, v] of Object.entries(req.json as Record<string, unknown>)) {
      if (typeof v === 'string') out.set(k, v);
      else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
      else if (v !== null && v !== undefined) out.set(k, JSON.stringify(v));
    }
  }
  return out;
}
