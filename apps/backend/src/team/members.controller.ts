import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { type MemberItem, Members } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { RoleDto, TransferDto } from './team.dto';

@Controller('organization')
export class MembersController {
  constructor(private readonly members: Members) {}

  @Get('members')
  @Allow('team')
  list(@CurrentSession() session: SessionContext): Promise<MemberItem[]> {
    return this.members.list(session.organizationId);
  }

  @Put('members/:userId')
  @Allow('team')
  setRole(@CurrentSession() session: SessionContext, @Param('userId', UuidPipe) userId: string, @Body() body: RoleDto): Promise<MemberItem> {
    return this.members.setRole(session, userId, body.role);
  }

  @Delete('members/:userId')
  @Allow('team')
  @HttpCode(200)
  async remove(@CurrentSession() session: SessionContext, @Param('userId', UuidPipe) userId: string): Promise<{ userId: string; removed: true }> {
    await this.members.remove(session, userId);
    return { userId, removed: true };
  }

  /** The owner hands the organization over: the member becomes the owner, the giver an admin. */
  @Post('transfer')
  @Allow('organization')
  @HttpCode(200)
  transfer(@CurrentSession() session: SessionContext, @Body() body: TransferDto): Promise<MemberItem[]> {
    return this.members.transfer(session, body.userId);
  }
}
