import { type SandboxReply, jsonReply } from '../core/http-types';
import { randomUrlSafe } from '../core/ids';

export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

export function fbTraceId(): string {
  return randomUrlSafe(8);
}

/** Meta's error envelope; HTTP 400 for client and OAuth errors (190 included), 5xx for codes 1 and 2. */
export function graphError(status: number, body: GraphErrorBody, headers: Record<string, string> = {}): SandboxReply {
  const error = { type: 'OAuthException', ...body, fbtrace_id: fbTraceId() };
  return jsonReply(status, { error }, headers);
}

export function invalidTokenError(message: string, subcode?: number): SandboxReply {
  return graphError(
    400,
    { message, code: 190, ...(subcode !== undefined ? { error_subcode: subcode } : {}) },
    { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"` },
  );
}

export const CANNOT_PARSE_TOKEN = 'Invalid OAuth access token - Cannot parse access token';

export function unsupportedRequest(method: string, id: string): SandboxReply {
  return graphError(400, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function unknownPath(path: string): SandboxReply {
  return graphError(400, { message: `Unknown path components: ${path}`, code: 2500 });
}

export function missingToken(): SandboxReply {
  return graphError(400, { message: 'An access token is required to request this resource.', code: 104 });
}

export function paramError(message: string, subcode?: number): SandboxReply {
  return graphError(400, { message: `(#100) ${message}`, code: 100, ...(subcode !== undefined ? { error_subcode: subcode } : {}) });
}

export function permissionError(code: 10 | 200, message: string): SandboxReply {
  return graphError(400, { message: `(#${code}) ${message}`, code });
}

export function nonexistingField(field: string, nodeType: string): SandboxReply {
  return paramError(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

/** Instagram publishing errors carry `is_transient` and user-facing texts. */
export function igPublishError(code: number, subcode: number, message: string, title: string, userMsg: string, transient = false): SandboxReply {
  return graphError(400, { message, code, error_subcode: subcode, is_transient: transient, error_user_title: title, error_user_msg: userMsg });
}
