import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { AppError } from '@herald/core';
import { NotificationsRepository } from '@herald/database';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';

export const NOTIFICATIONS_PAGE_SIZE = 50;

export class MarkReadDto {
  /** Only these; all of the organization's notifications when absent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export interface NotificationView {
  id: string;
  type: string;
  message: string;
  postId?: string;
  integrationId?: string;
  createdAt: string;
  read: boolean;
}

/** `page` is 0-based, as in Postiz. */
function pageOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) {
    throw AppError.validation('The page is invalid.', [{ field: 'page', message: 'page must be a whole number, 0 or more' }]);
  }
  return Number(raw);
}

// The organization's feed of what happened to its posts and channels: everyone who works on posts reads it.
@Controller('notifications')
@Allow('posts')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get()
  async list(@CurrentSession() session: SessionContext, @Query('page') page: unknown): Promise<{ notifications: NotificationView[]; unread: number }> {
    const { items, unread } = await this.notifications.list(session.organizationId, { skip: pageOf(page) * NOTIFICATIONS_PAGE_SIZE, take: NOTIFICATIONS_PAGE_SIZE });
    return {
      notifications: items.map((n) => ({
        id: n.id,
        type: n.type,
        message: n.message,
        ...(n.postId ? { postId: n.postId } : {}),
        ...(n.integrationId ? { integrationId: n.integrationId } : {}),
        createdAt: n.createdAt.toISOString(),
        read: n.read,
      })),
      unread,
    };
  }

  @Post('read')
  @HttpCode(200)
  async markRead(@CurrentSession() session: SessionContext, @Body() body: MarkReadDto): Promise<{ updated: number }> {
    return { updated: await this.notifications.markRead(session.organizationId, body.ids) };
  }
}
