import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { Public } from '../common/auth-context';
import { CONFIG } from '../infra/tokens';
import { DOCS_CSP, docsPage } from './docs-page';
import { PUBLIC_API_PATHS } from './public-org.decorator';

/** The public API's description: readable without a key. */
@Public()
@Controller(PUBLIC_API_PATHS)
export class PublicDocsController {
  // Built with the first request for it (its schemas' module is not even loaded before): most processes never
  // serve it, and an idle one should not hold it.
  private built?: Promise<{ document: Record<string, unknown>; page: string }>;

  constructor(@Inject(CONFIG) private readonly config: BackendConfig) {}

  private build(): Promise<{ document: Record<string, unknown>; page: string }> {
    this.built ??= (async () => {
      const { buildOpenApiDocument } = await import('./openapi.document');
      const document = buildOpenApiDocument(this.config.backendPublicUrl);
      return { document, page: docsPage(document) };
    })();
    return this.built;
  }

  @Get('openapi.json')
  async openapi(): Promise<Record<string, unknown>> {
    return (await this.build()).document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CSP)
  async docs(): Promise<string> {
    return (await this.build()).page;
  }
}
