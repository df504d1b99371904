import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { type CreatedInvitation, type InvitationItem, Invitations } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { InviteDto } from './team.dto';

/** Owners and admins invite people; the link is emailed by the workers, or shown to copy without SMTP. */
@Controller('organization/invitations')
@Allow('team')
export class InvitationsController {
  constructor(private readonly invitations: Invitations) {}

  @Post()
  @HttpCode(201)
  invite(@CurrentSession() session: SessionContext, @Body() body: InviteDto): Promise<CreatedInvitation> {
    return this.invitations.invite(session, body);
  }

  @Get()
  list(@CurrentSession() session: SessionContext): Promise<InvitationItem[]> {
    return this.invitations.pending(session.organizationId);
  }

  @Delete(':id')
  @HttpCode(200)
  async revoke(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; revoked: true }> {
    await this.invitations.revoke(session.organizationId, id);
    return { id, revoked: true };
  }
}
