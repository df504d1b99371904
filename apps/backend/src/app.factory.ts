import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
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
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
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
