import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { BackendConfig } from '@herald/config';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { SessionTokenService } from './auth/session-token.service';
import { csrfMiddleware } from './common/csrf.middleware';
import { SessionGuard } from './common/session.guard';
import { HealthController } from './health/health.controller';
import { type InfraDependencies, InfraModule } from './infra/infra.module';
import { CONFIG } from './infra/tokens';
import { UserController } from './users/user.controller';

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(CONFIG) private readonly config: BackendConfig) {}

  static forRoot(deps: InfraDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(deps)],
      controllers: [AuthController, UserController, HealthController],
      providers: [AuthService, LoginThrottle, SessionTokenService, { provide: APP_GUARD, useClass: SessionGuard }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(csrfMiddleware(this.config.frontendUrl))
      .exclude({ path: 'public/*path', method: RequestMethod.ALL }, { path: 'integrations/meta/*path', method: RequestMethod.ALL })
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
