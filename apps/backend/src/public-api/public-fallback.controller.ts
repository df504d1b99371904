import { All, Controller, NotFoundException, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../common/auth-context';
import { PublicApiExceptionFilter } from './public-api-exception.filter';
import { PUBLIC_API_PATHS } from './public-org.decorator';

/**
 * Unknown /public/v1 routes: Nest's own 404 body (`Cannot GET /public/v1/xyz`), without an auth check, as
 * Postiz answers them. Registered after every other public controller, so it only sees what they do not serve.
 */
@Public()
@Controller(PUBLIC_API_PATHS)
@UseFilters(PublicApiExceptionFilter)
export class PublicFallbackController {
  @All('*path')
  notFound(@Req() request: Request): never {
    throw new NotFoundException(`Cannot ${request.method} ${request.path}`);
  }
}
