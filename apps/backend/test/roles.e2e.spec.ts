import { randomUUID } from 'node:crypto';
import { type RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@herald/database';
import type request from 'supertest';
import { API_KEY_ROUTE, PUBLIC_ROUTE } from '../src/common/auth-context';
import { PERMISSION, type Permission, ROLE_PERMISSIONS } from '../src/common/permissions';
import { signUp, startTestBackend, type TestBackend, uniqueEmail } from './harness';

type Access = Permission | 'public' | 'api-key';

// Every route of the API and who may use it. A route added without a line here fails the first test; a line whose
// access differs from the route's declaration fails it too. docs/api-additions.md#roles says the same in words.
const ROUTES: Record<string, Access> = {
  'GET /auth/registration': 'public',
  'POST /auth/register': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/forgot': 'public',
  'POST /auth/forgot': 'public',
  'GET /auth/reset/:token': 'public',
  'POST /auth/reset': 'public',
  'GET /auth/invitations/:token': 'public',
  'POST /auth/invitations/:token/accept': 'public',
  'POST /auth/logout-all': 'account',
  'GET /user/self': 'account',
  'PUT /user/self': 'account',
  'DELETE /user/self': 'account',
  'GET /organization/export': 'organization',
  'DELETE /organization': 'organization',
  'POST /organization/transfer': 'organization',
  'GET /organization/members': 'team',
  'PUT /organization/members/:userId': 'team',
  'DELETE /organization/members/:userId': 'team',
  'POST /organization/invitations': 'team',
  'GET /organization/invitations': 'team',
  'DELETE /organization/invitations/:id': 'team',
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /uploads/*path': 'public',
  'GET /integrations': 'posts',
  'GET /integrations/list': 'posts',
  'GET /integrations/social/:provider': 'channels',
  'POST /integrations/social/:provider/connect': 'channels',
  'POST /integrations/function': 'channels',
  'GET /integrations/:id/pages': 'channels',
  'POST /integrations/:id/pages': 'channels',
  'POST /integrations/:id/disable': 'channels',
  'POST /integrations/:id/enable': 'channels',
  'POST /integrations/:id/refresh': 'channels',
  'DELETE /integrations/:id': 'channels',
  'PUT /integrations/:id/customer': 'channels',
  'POST /integrations/meta/deauthorize': 'public',
  'POST /integrations/meta/data-deletion': 'public',
  'GET /integrations/meta/data-deletion/:code': 'public',
  'POST /posts': 'posts',
  'GET /posts': 'posts',
  'GET /posts/:id': 'posts',
  'PUT /posts/:group': 'posts',
  'PUT /posts/:id/date': 'posts',
  'DELETE /posts/:group': 'posts',
  'POST /posts/:id/retry': 'posts',
  'GET /analytics/channels/:id': 'analytics',
  'GET /analytics/posts/:id': 'analytics',
  'GET /notifications': 'posts',
  'POST /notifications/read': 'posts',
  'GET /customers': 'posts',
  'POST /customers': 'customers',
  'PUT /customers/:id': 'customers',
  'DELETE /customers/:id': 'customers',
  'GET /tags': 'posts',
  'POST /tags': 'tags',
  'PUT /tags/:id': 'tags',
  'DELETE /tags/:id': 'tags',
  'POST /media/upload': 'media',
  'POST /media/uploads': 'media',
  'GET /media/uploads/:id': 'media',
  'POST /media/uploads/:id/parts': 'media',
  'PUT /media/uploads/:id/chunks/:index': 'media',
  'POST /media/uploads/:id/complete': 'media',
  'DELETE /media/uploads/:id': 'media',
  'GET /media': 'media',
  'DELETE /media/:id': 'media',
  'PUT /media/:id': 'media',
  'POST /media/:id/crop': 'media',
  'GET /settings/api-key': 'api_key',
  'POST /settings/api-key': 'api_key',
  'GET /webhooks': 'webhooks',
  'POST /webhooks': 'webhooks',
  'DELETE /webhooks/:id': 'webhooks',
  'GET /webhooks/:id/deliveries': 'webhooks',
  'GET /integrations/:id/slots': 'posts',
  'PUT /integrations/:id/slots': 'channels',
  'GET /posts/next-slot': 'posts',
  'POST /posts/import': 'posts',
  'POST /posts/:group/duplicate': 'posts',
  'PUT /posts/:group/occurrence': 'posts',
  'DELETE /posts/:group/occurrence': 'posts',
  'DELETE /posts/:group/series': 'posts',
  'POST /posts/:group/preview': 'posts',
  'GET /posts/:group/preview': 'posts',
  'DELETE /posts/:group/preview': 'posts',
  'GET /posts/:group/comments': 'posts',
  'GET /signatures': 'posts',
  'POST /signatures': 'posts',
  'PUT /signatures/:id': 'posts',
  'DELETE /signatures/:id': 'posts',
  'GET /preview/:token': 'public',
  'POST /preview/:token/comments': 'public',
};

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];

/** Every route Nest serves, with what its handler and controller declare (read from the running application). */
function declaredRoutes(backend: TestBackend): Map<string, Access> {
  const routes = new Map<string, Access>();
  for (const module of backend.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const bases = [(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? ''].flat();
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? '?';
        const read = (key: string): unknown => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        const access: Access = read(PUBLIC_ROUTE) ? 'public' : read(API_KEY_ROUTE) ? 'api-key' : ((read(PERMISSION) as Permission | undefined) ?? ('none' as Permission));
        const trim = (part: string) => part.replace(/^\/|\/$/g, '');
        for (const base of bases) for (const path of [paths].flat()) routes.set(`${method} /${[trim(base), trim(path)].filter(Boolean).join('/')}`, access);
      }
    }
  }
  return routes;
}

describe('roles: one permission per route, enforced for every route and role', () => {
  let backend: TestBackend;
  const agents = {} as Record<Role, request.Agent>;

  beforeAll(async () => {
    backend = await startTestBackend();
    const owner = await signUp(backend, 'roles');
    agents.OWNER = owner.agent;
    for (const role of ['ADMIN', 'MEMBER'] as const) {
      const link = (await owner.agent.post('/organization/invitations').send({ email: uniqueEmail(role.toLowerCase()), role }).expect(201)).body.link as string;
      agents[role] = backend.agent();
      await agents[role].post(`/auth/invitations/${link.split('/').pop() ?? ''}/accept`).send({ password: 'a role password' }).expect(201);
    }
  });
  afterAll(async () => {
    await backend.close();
  });

  it('lists every dashboard route with the access it declares', () => {
    const declared = declaredRoutes(backend);
    const dashboard = new Map([...declared].filter(([route]) => !route.includes('/public/v1')));
    expect(Object.fromEntries(dashboard)).toEqual(ROUTES);
    // The public API is authenticated by the organization's API key, never by a session.
    const pub = [...declared].filter(([route]) => route.includes('/public/v1'));
    expect(pub.filter(([, access]) => access === 'api-key').length).toBeGreaterThan(10);
    expect(pub.filter(([, access]) => access !== 'api-key' && access !== 'public')).toEqual([]);
  });

  const sessionRoutes = Object.entries(ROUTES)
    .filter((entry): entry is [string, Permission] => entry[1] !== 'public' && entry[1] !== 'api-key')
    // Signing out everywhere ends the sessions the other rows use: last.
    .sort(([a], [b]) => Number(a.endsWith('logout-all')) - Number(b.endsWith('logout-all')));

  it.each(['MEMBER', 'ADMIN', 'OWNER'] as const)('gives a %s exactly the routes of its permissions, and 403 forbidden elsewhere', async (role) => {
    const outcomes: string[] = [];
    for (const [route, permission] of sessionRoutes) {
      const [method = 'GET', template = '/'] = route.split(' ');
      const path = template.replace(':provider', 'x').replace(/:[a-zA-Z]+/g, () => randomUUID());
      const agent = agents[role];
      const call = method === 'GET' ? agent.get(path) : method === 'DELETE' ? agent.delete(path).send({}) : method === 'PUT' ? agent.put(path).send({}) : agent.post(path).send({});
      const res = await call;
      const allowed = ROLE_PERMISSIONS[role].includes(permission);
      const refused = res.status === 403 && res.body.code === 'forbidden';
      if (allowed === refused || res.status >= 500) outcomes.push(`${route} (${permission}): ${res.status} ${res.body.code ?? ''}`);
    }
    expect(outcomes).toEqual([]);
  });
});
