import { type SandboxReply, jsonReply, problemReply } from '../core/http-types';

export function v1Error(status: number, code: number, message: string, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { errors: [{ code, message }] }, headers);
}

export function v2Problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): SandboxReply {
  return problemReply(status, { title, detail, type: 'about:blank', status, ...extra }, headers);
}

export interface InvalidRequestError {
  message: string;
  parameters?: Record<string, unknown[]>;
}

/** X v2 schema violations: `type: …/problems/invalid-request` with one entry per problem. */
export function v2InvalidRequest(errors: InvalidRequestError[], headers: Record<string, string> = {}): SandboxReply {
  return problemReply(
    400,
    {
      errors: errors.map((e) => ({ parameters: e.parameters ?? {}, message: e.message })),
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.x.com/2/problems/invalid-request',
    },
    headers,
  );
}

export function v2NotFound(resourceType: 'user' | 'tweet' | 'media', parameter: string, value: string): SandboxReply {
  const label = resourceType === 'tweet' ? 'tweet' : resourceType;
  return jsonReply(200, {
    errors: [
      {
        value,
        detail: `Could not find ${label} with ${parameter}: [${value}].`,
        title: 'Not Found Error',
        resource_type: resourceType,
        parameter,
        resource_id: value,
        type: 'https://api.x.com/2/problems/resource-not-found',
      },
    ],
  });
}

export const X_UNAUTHORIZED = (): SandboxReply => v2Problem(401, 'Unauthorized', 'Unauthorized');
export const X_INVALID_TOKEN = (): SandboxReply => v1Error(401, 89, 'Invalid or expired token.');
export const X_COULD_NOT_AUTHENTICATE = (): SandboxReply => v1Error(401, 32, 'Could not authenticate you.');
