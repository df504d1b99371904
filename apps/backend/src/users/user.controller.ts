import { Body, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError, Members } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { IsTimeZone } from '../common/is-time-zone';
import { Allow } from '../common/permissions';
import { CONFIG } from '../infra/tokens';

export class EmailNotificationsDto {
  @IsOptional()
  @IsBoolean()
  failures?: boolean;

  @IsOptional()
  @IsBoolean()
  channels?: boolean;
}

export class UpdateSelfDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  /** Alert emails about the organization the request acts for (`showorg`). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EmailNotificationsDto)
  emailNotifications?: EmailNotificationsDto;
}

@Controller('user')
@Allow('account')
export class UserController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly members: Members,
    @Inject(CONFIG) private readonly config: BackendConfig,
  ) {}

  @Get('self')
  async self(@CurrentSession() session: SessionContext) {
    const user = await this.accounts.findUserWithMemberships(session.userId);
    if (!user) throw AppError.unauthorized();
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      timezone: user.timezone,
      organizations: user.memberships.map((m) => ({ id: m.organizationId, name: m.name, role: m.role })),
      currentOrganizationId: session.organizationId,
      emailNotifications: await this.members.emailNotifications(session),
      // Whether this server sends email at all (EMAIL_SMTP_URL): the dashboard words links and alerts by it.
      emailConfigured: this.config.email !== undefined,
    };
  }

  @Put('self')
  @HttpCode(200)
  async update(@CurrentSession() session: SessionContext, @Body() body: UpdateSelfDto) {
    await this.accounts.updateUser(session.userId, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.timezone ? { timezone: body.timezone } : {}) });
    if (body.emailNotifications) await this.members.setEmailNotifications(session, body.emailNotifications);
    return this.self(session);
  }
}
