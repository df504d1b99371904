import { type CanActivate, type ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import { SESSION_COOKIE, SessionTokenService } from '../auth/session-token.service';
import { liveSessionUser } from './live-session';
import { SessionUserCache } from './session-user-cache';
import { API_KEY_ROUTE, type HeraldRequest, PUBLIC_ROUTE } from './auth-context';
import { PERMISSION, type Permission, roleAllows } from './permissions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deny by default: every route needs a session unless marked @Public or @ApiKeyRoute, and declares with @Allow the
 * permission it needs, which the person's role in the organization must have (common/permissions.ts).
 * The organization comes from the `showorg` header (else the first membership); a non-member gets 403.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionTokenService,
    private readonly accounts: AccountsRepository,
    @Optional() private readonly cache?: SessionUserCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(API_KEY_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<HeraldRequest>();
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const user = await liveSessionUser(this.sessions, this.accounts, cookies?.[SESSION_COOKIE], this.cache);
    if (!user) throw AppError.unauthorized();

    const requested = request.header('showorg');
    if (requested !== undefined && !UUID.test(requested)) {
      throw AppError.forbidden('not_a_member', 'You are not a member of this organization');
    }
    const membership = requested ? user.memberships.find((m) => m.organizationId === requested) : user.memberships[0];
    if (!membership) throw AppError.forbidden('not_a_member', 'You are not a member of this organization');

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    // A route that forgot to say who may use it is refused to everyone (test/roles.e2e.spec.ts lists every route).
    if (!permission) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no @Allow permission`);
    if (!roleAllows(membership.role, permission)) {
      throw AppError.forbidden('forbidden', 'Your role in this organization does not allow this; ask an owner or an admin.');
    }
    request.auth = { userId: user.id, organizationId: membership.organizationId, role: membership.role };
    return true;
  }
}
