import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Signatures } from '@herald/core';
import type { SignatureItem } from '@herald/shared';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { objectBody } from './planning-input';

/** The organization's signatures (`{name, content, default}`); any member may manage them, as posts. */
@Controller('signatures')
@Allow('posts')
export class SignaturesController {
  constructor(private readonly signatures: Signatures) {}

  @Get()
  list(@CurrentSession() session: SessionContext): Promise<SignatureItem[]> {
    return this.signatures.list(session.organizationId);
  }

  @Post()
  create(@CurrentSession() session: SessionContext, @Body() body: unknown): Promise<SignatureItem> {
    return this.signatures.create(session.organizationId, objectBody(body));
  }

  @Put(':id')
  update(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: unknown): Promise<SignatureItem> {
    return this.signatures.update(session.organizationId, id, objectBody(body));
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.signatures.remove(session.organizationId, id);
    return { id, deleted: true };
  }
}
