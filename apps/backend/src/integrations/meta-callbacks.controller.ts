import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { type DeletionStatus, MetaCallbacks } from '@herald/core';
import type { Request } from 'express';
import { Public } from '../common/auth-context';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function statusPage(s: DeletionStatus): string {
  const platform = s.platform === 'facebook' ? 'Facebook' : 'Instagram';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Data deletion request ${escapeHtml(s.confirmationCode)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1c1c1e}code{background:#f2f2f5;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Data deletion request</h1>
<p>Confirmation code: <code>${escapeHtml(s.confirmationCode)}</code></p>
<p>Status: <strong>${escapeHtml(s.status)}</strong>. Herald deleted the access tokens and profile data it held for this ${platform} account
(${s.channelsAffected} channel${s.channelsAffected === 1 ? '' : 's'}). Posts written by the customer keep their text.</p>
<p>Requested ${escapeHtml(s.requestedAt)}${s.completedAt ? `, completed ${escapeHtml(s.completedAt)}` : ''}.</p></body></html>`;
}

/** Meta calls these without a session, with a `signed_request` form field (HMAC-SHA256 with the app secret). */
@Controller('integrations/meta')
@Public()
export class MetaCallbacksController {
  constructor(private readonly callbacks: MetaCallbacks) {}

  @Post('deauthorize')
  @HttpCode(200)
  async deauthorize(@Body() body: Record<string, unknown>) {
    await this.callbacks.deauthorize(body?.signed_request);
    return { success: true };
  }

  @Post('data-deletion')
  @HttpCode(200)
  dataDeletion(@Body() body: Record<string, unknown>) {
    return this.callbacks.dataDeletion(body?.signed_request);
  }

  @Get('data-deletion/:code')
  @Header('Cache-Control', 'no-store')
  async status(@Param('code') code: string, @Req() req: Request) {
    const status = await this.callbacks.status(code);
    if (req.accepts(['html', 'json']) === 'json') return status;
    req.res?.type('html');
    return statusPage(status);
  }
}
