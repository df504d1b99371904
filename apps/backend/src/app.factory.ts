import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { bodyParserErrorHandler, HttpExceptionFilter } from './common/http-exception.filter';
import { inputShapeGuard } from './common/input-shape.middleware';
import { NestPinoLogger } from './common/nest-logger';
import { requestLogger } from './common/request-logger.middleware';
import { createValidationPipe } from './common/validation.pipe';
import type { InfraDependencies } from './infra/infra.module';

/** Builds the configured Nest application; main.ts and the tests both use it. */
export async function createBackendApp(deps: InfraDependencies): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new NestPinoLogger(deps.logger.child({ component: 'nest' })),
    bodyParser: false,
  });
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(deps.config.backendPublicUrl.startsWith('https://')));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '256kb' });
  app.use(bodyParserErrorHandler);
  app.use(inputShapeGuard);
  app.use(cookieParser());
  app.use(requestLogger(deps.logger.child({ component: 'http' })));
  app.enableCors({ origin: deps.config.frontendUrl, credentials: true, exposedHeaders: ['Retry-After'] });
  app.useGlobalFilters(new HttpExceptionFilter(deps.logger));
  app.useGlobalPipes(createValidationPipe());
  return app;
}

/**
 * The API answers JSON, files and a few small HTML pages: nothing it sends may run a script, load anything, or be
 * framed. Uploads stay readable from the dashboard's origin (cross-origin resource policy), HSTS only over https.
 * Pages that need more (the public API docs) set their own Content-Security-Policy, which replaces this one.
 */
export function securityHeaders(https: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });
}
