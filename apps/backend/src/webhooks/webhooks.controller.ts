import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { type DeliveryListItem, ManageWebhooks, type WebhookListItem } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateWebhookDto } from './webhooks.dto';

@Controller('webhooks')
@Allow('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooks) {}

  @Get()
  list(@CurrentSession() session: SessionContext): Promise<WebhookListItem[]> {
    return this.webhooks.list(session.organizationId);
  }

  /** The signing secret is in this answer only. */
  @Post()
  create(@CurrentSession() session: SessionContext, @Body() body: CreateWebhookDto): Promise<{ id: string; secret: string }> {
    return this.webhooks.create(session.organizationId, body);
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.webhooks.remove(session.organizationId, id);
    return { id, deleted: true };
  }

  @Get(':id/deliveries')
  deliveries(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<DeliveryListItem[]> {
    return this.webhooks.deliveries(session.organizationId, id);
  }
}
