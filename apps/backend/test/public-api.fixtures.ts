import request from 'supertest';
import { signUp, type TestBackend } from './harness';
import { addChannel, type Platform } from './posts-fixtures';

/** An organization with an API key (created through the settings route) and, optionally, channels. */
export async function publicOrg(backend: TestBackend, label = 'public', platforms: Platform[] = ['x']) {
  const account = await signUp(backend, label);
  const created = await account.agent.post('/settings/api-key').expect(201);
  const apiKey = (created.body as { apiKey: string }).apiKey;
  const channels = [];
  for (const platform of platforms) channels.push(await addChannel(backend, account.organization.id, platform, { name: `Acme ${platform}` }));
  return { ...account, orgId: account.organization.id, apiKey, channels };
}

/** A client of the public API, as the SDK and the CLI send it: the raw key in `Authorization`. */
export function api(backend: TestBackend, key: string | undefined) {
  const withKey = (test: request.Test) => (key === undefined ? test : test.set('Authorization', key));
  const server = request(backend.server);
  return {
    get: (path: string) => withKey(server.get(`/public/v1${path}`)),
    post: (path: string) => withKey(server.post(`/public/v1${path}`)),
    put: (path: string) => withKey(server.put(`/public/v1${path}`)),
    delete: (path: string) => withKey(server.delete(`/public/v1${path}`)),
  };
}

export const FUTURE = '2031-03-10T14:30:00.000Z';

export function xPost(channelId: string, content = 'Launch day! 🚀', extra: Record<string, unknown> = {}) {
  return {
    type: 'schedule',
    date: FUTURE,
    shortLink: false,
    tags: [],
    posts: [{ integration: { id: channelId }, value: [{ content, image: [] }], settings: { __type: 'x', who_can_reply_post: 'everyone' } }],
    ...extra,
  };
}
