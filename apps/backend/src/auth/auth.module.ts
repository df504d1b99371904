import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AttemptThrottle } from './attempt-throttle';
import { AuthService } from './auth.service';
import { SessionTokenService } from './session-token.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, AttemptThrottle, SessionTokenService],
  exports: [SessionTokenService, AttemptThrottle],
})
export class AuthModule {}
