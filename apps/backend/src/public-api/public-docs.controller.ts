import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { Public } from '../common/auth-context';
import { CONFIG } from '../infra/tokens';
import { DOCS_CSP, docsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi.document';
import { PUBLIC_API_PATHS } from './public-org.decorator';

/** The public API's description: readable without a key. */
@Public()
@Controller(PUBLIC_API_PATHS)
export class PublicDocsController {
  private readonly document: Record<string, unknown>;
  private readonly page: string;

  constructor(@Inject(CONFIG) config: BackendConfig) {
    this.document = buildOpenApiDocument(config.backendPublicUrl);
    this.page = docsPage(this.document);
  }

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CSP)
  docs(): string {
    return this.page;
  }
}
