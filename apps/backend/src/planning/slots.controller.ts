import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { AppError, PostingSlots } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import type { ChannelSlots, NextSlot } from '@herald/shared';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { objectBody } from './planning-input';

/** Posting times of a channel, and "Add to queue": the next free one. */
@Controller()
@Allow('posts')
export class SlotsController {
  constructor(
    private readonly slots: PostingSlots,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('integrations/:id/slots')
  get(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<ChannelSlots> {
    return this.slots.get(session.organizationId, id);
  }

  // A channel's posting times are part of its set-up, which members do not change.
  @Put('integrations/:id/slots')
  @Allow('channels')
  async set(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: unknown): Promise<ChannelSlots> {
    const input = objectBody(body);
    const user = await this.accounts.findUserWithMemberships(session.userId);
    if (!user) throw AppError.unauthorized();
    return this.slots.set(session.organizationId, id, input, user.timezone);
  }

  @Get('posts/next-slot')
  next(@CurrentSession() session: SessionContext, @Query('integrations') integrations: unknown): Promise<NextSlot> {
    return this.slots.next(session.organizationId, integrations);
  }
}
