import { Module } from '@nestjs/common';
import { ManageOrganizing } from '@herald/core';
import { OrganizingRepository } from '@herald/database';
import { CLOCK, type Clock } from '../infra/tokens';
import { OrganizingController } from './organizing.controller';

@Module({
  controllers: [OrganizingController],
  providers: [
    {
      provide: ManageOrganizing,
      inject: [OrganizingRepository, CLOCK],
      useFactory: (repo: OrganizingRepository, clock: Clock) => new ManageOrganizing(repo, () => clock.now()),
    },
  ],
})
export class OrganizingModule {}
