import { Module } from '@nestjs/common';
import { TeamModule } from '../team/team.module';
import { UserController } from './user.controller';

@Module({ imports: [TeamModule], controllers: [UserController] })
export class UsersModule {}
