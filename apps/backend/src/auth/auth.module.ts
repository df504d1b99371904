import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionTokenService } from './session-token.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, SessionTokenService],
  exports: [SessionTokenService],
})
export class AuthModule {}
