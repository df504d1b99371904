import type { ExecutionContext } from '@nestjs/common';
import { type Reflector } from '@nestjs/core';
import { AppError } from '@herald/core';
import type { AccountsRepository, UserWithMemberships } from '@herald/database';
import type { SessionTokenService } from '../auth/session-token.service';
import { API_KEY_ROUTE, type HeraldRequest, PUBLIC_ROUTE } from './auth-context';
import { PERMISSION } from './permissions';
import { SessionGuard } from './session.guard';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

const user: UserWithMemberships = {
  id: 'user-1',
  email: 'a@example.test',
  name: null,
  timezone: 'UTC',
  sessionsRevokedAt: null,
  memberships: [
    { organizationId: ORG_A, name: 'A', role: 'OWNER' },
    { organizationId: ORG_B, name: 'B', role: 'MEMBER' },
  ],
};

function setup(
  metadata: Record<string, unknown> = { [PERMISSION]: 'posts' },
  session: { userId: string; issuedAtMs?: number } | null = { userId: 'user-1' },
  revokedAt: Date | null = null,
) {
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const sessions = { verify: jest.fn(() => Promise.resolve(session && { issuedAtMs: 1_000, ...session, jti: 'j', exp: 0 })) } as unknown as SessionTokenService;
  const accounts = { findUserWithMemberships: jest.fn(() => Promise.resolve({ ...user, sessionsRevokedAt: revokedAt })) } as unknown as AccountsRepository;
  const guard = new SessionGuard(reflector, sessions, accounts);
  const run = async (headers: Record<string, string> = {}, cookie: string | undefined = 'token') => {
    const request = { cookies: cookie ? { auth: cookie } : {}, header: (name: string) => headers[name.toLowerCase()] } as unknown as HeraldRequest;
    const context = {
      getHandler: () => ({ name: 'handler' }),
      getClass: () => ({ name: 'Controller' }),
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    const allowed = await guard.canActivate(context);
    return { allowed, request };
  };
  return { run, sessions };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'other';
  }
}

describe('SessionGuard', () => {
  it('lets public and API-key routes through without a session', async () => {
    expect((await setup({ [PUBLIC_ROUTE]: true }, null).run({}, '')).allowed).toBe(true);
    expect((await setup({ [API_KEY_ROUTE]: true }, null).run({}, '')).allowed).toBe(true);
  });

  it('refuses a request without a valid session with 401', async () => {
    expect(await codeOf(setup().run({}, ''))).toBe('401 unauthorized');
    expect(await codeOf(setup(undefined, null).run())).toBe('401 unauthorized');
  });

  it('refuses a session issued at or before the account revoked its sessions', async () => {
    expect(await codeOf(setup(undefined, { userId: 'user-1', issuedAtMs: 5_000 }, new Date(5_000)).run())).toBe('401 unauthorized');
    expect(await codeOf(setup(undefined, { userId: 'user-1', issuedAtMs: 5_001 }, new Date(5_000)).run())).toBe('allowed');
  });

  it('uses the first organization, or the one named by showorg', async () => {
    expect((await setup().run()).request.auth).toEqual({ userId: 'user-1', organizationId: ORG_A, role: 'OWNER' });
    expect((await setup().run({ showorg: ORG_B })).request.auth).toEqual({ userId: 'user-1', organizationId: ORG_B, role: 'MEMBER' });
  });

  it('refuses an organization the person is not a member of, or a malformed one, with 403', async () => {
    expect(await codeOf(setup().run({ showorg: '33333333-3333-4333-8333-333333333333' }))).toBe('403 not_a_member');
    expect(await codeOf(setup().run({ showorg: "' OR 1=1" }))).toBe('403 not_a_member');
  });

  it("enforces the route's permission for the role in the selected organization", async () => {
    const guard = setup({ [PERMISSION]: 'channels' });
    expect((await guard.run({ showorg: ORG_A })).allowed).toBe(true);
    expect(await codeOf(guard.run({ showorg: ORG_B }))).toBe('403 forbidden');
  });

  it('refuses a session route that declares no permission, to everyone', async () => {
    expect(await codeOf(setup({}).run({ showorg: ORG_A }))).toBe('other');
  });
});
