import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { type CustomerItem, ManageOrganizing, type TagItem } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { AssignCustomerDto, CreateTagDto, CustomerNameDto, UpdateTagDto } from './organizing.dto';

/** Customers (groups of channels, an agency's clients) and tags (labels for posts). */
@Controller()
export class OrganizingController {
  constructor(private readonly organizing: ManageOrganizing) {}

  @Get('customers')
  @Allow('posts')
  customers(@CurrentSession() session: SessionContext): Promise<CustomerItem[]> {
    return this.organizing.customers(session.organizationId);
  }

  @Post('customers')
  @Allow('customers')
  createCustomer(@CurrentSession() session: SessionContext, @Body() body: CustomerNameDto): Promise<CustomerItem> {
    return this.organizing.createCustomer(session.organizationId, body);
  }

  @Put('customers/:id')
  @Allow('customers')
  renameCustomer(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: CustomerNameDto): Promise<{ id: string; name: string }> {
    return this.organizing.renameCustomer(session.organizationId, id, body);
  }

  @Delete('customers/:id')
  @Allow('customers')
  @HttpCode(200)
  async deleteCustomer(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.organizing.deleteCustomer(session.organizationId, id);
    return { id, deleted: true };
  }

  @Put('integrations/:id/customer')
  @Allow('channels')
  assign(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: AssignCustomerDto): Promise<{ customer: { id: string; name: string } | null }> {
    return this.organizing.assignChannel(session.organizationId, id, body);
  }

  @Get('tags')
  @Allow('posts')
  tags(@CurrentSession() session: SessionContext): Promise<TagItem[]> {
    return this.organizing.tags(session.organizationId);
  }

  @Post('tags')
  @Allow('tags')
  createTag(@CurrentSession() session: SessionContext, @Body() body: CreateTagDto): Promise<TagItem> {
    return this.organizing.createTag(session.organizationId, body);
  }

  @Put('tags/:id')
  @Allow('tags')
  updateTag(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: UpdateTagDto): Promise<TagItem> {
    return this.organizing.updateTag(session.organizationId, id, body);
  }

  @Delete('tags/:id')
  @Allow('tags')
  @HttpCode(200)
  async deleteTag(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.organizing.deleteTag(session.organizationId, id);
    return { id, deleted: true };
  }
}
