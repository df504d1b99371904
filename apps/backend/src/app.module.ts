import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type Redis from 'ioredis';
import { CalendarInvalidationInterceptor } from './common/calendar-invalidation.interceptor';
import { SessionCacheInterceptor } from './common/session-cache.interceptor';
import { SessionUserCache } from './common/session-user-cache';
import type { BackendConfig } from '@herald/config';
import { AccountModule } from './account/account.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { csrfMiddleware } from './common/csrf.middleware';
import { SessionGuard } from './common/session.guard';
import { HealthModule } from './health/health.module';
import { type InfraDependencies, InfraModule } from './infra/infra.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PostsModule } from './posts/posts.module';
import { CONFIG, REDIS } from './infra/tokens';
import { MetricsModule } from './metrics/metrics.module';
import { UsersModule } from './users/users.module';
import { SettingsModule } from './settings/settings.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PublicApiModule } from './public-api/public-api.module';
import { OrganizingModule } from './organizing/organizing.module';
import { TeamModule } from './team/team.module';
import { PlanningModule } from './planning/planning.module';

// Feature modules, one per room. Add a new one here (one line) and nowhere else. PlanningModule comes before
// PostsModule: its GET /posts/next-slot must be matched before GET /posts/:id.
const FEATURES = [AccountModule, AuthModule, UsersModule, HealthModule, IntegrationsModule, PlanningModule, PostsModule, MediaModule, NotificationsModule, MetricsModule, SettingsModule, WebhooksModule, OrganizingModule, PublicApiModule, TeamModule, AnalyticsModule];

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(CONFIG) private readonly config: BackendConfig) {}

  static forRoot(deps: InfraDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(deps), ...FEATURES],
      providers: [
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_INTERCEPTOR, inject: [REDIS], useFactory: (redis: Redis) => new CalendarInvalidationInterceptor(redis) },
        SessionUserCache,
        { provide: APP_INTERCEPTOR, inject: [SessionUserCache], useFactory: (cache: SessionUserCache) => new SessionCacheInterceptor(cache) },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(csrfMiddleware(this.config.frontendUrl))
      .exclude({ path: 'public/*path', method: RequestMethod.ALL }, { path: 'integrations/meta/*path', method: RequestMethod.ALL })
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
