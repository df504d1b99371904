import { ApiKeys } from '@herald/core';
import { ApiKeysRepository, type Database } from '@herald/database';
import { CLOCK, type Clock, DATABASE } from '../infra/tokens';

/** ApiKeys over the shared database; the settings and the public API modules each provide it. */
export const apiKeysProviders = [
  { provide: ApiKeysRepository, inject: [DATABASE], useFactory: (db: Database) => new ApiKeysRepository(db) },
  {
    provide: ApiKeys,
    inject: [ApiKeysRepository, CLOCK],
    useFactory: (keys: ApiKeysRepository, clock: Clock) => new ApiKeys({ keys, now: () => clock.now() }),
  },
];
