import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { AppError } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { IsTimeZone } from '../common/is-time-zone';

export class UpdateSelfDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

@Controller('user')
@Allow('account')
export class UserController {
  constructor(private readonly accounts: AccountsRepository) {}

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
    };
  }

  @Put('self')
  @HttpCode(200)
  async update(@CurrentSession() session: SessionContext, @Body() body: UpdateSelfDto) {
    await this.accounts.updateUser(session.userId, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.timezone ? { timezone: body.timezone } : {}) });
    return this.self(session);
  }
}
