import type { BackendConfig } from '@herald/config';
import { type Check, fail, ok } from '../check';
import { describeFailure, safeEndpoint } from '../describe-failure';
import type { DoctorDeps } from '../doctor-deps';

function postgresFix(reason: string): string {
  if (reason === 'password rejected') return 'Fix the user and password in DATABASE_URL.';
  if (reason === 'database does not exist') return 'Create the database (createdb <name>) or fix its name at the end of DATABASE_URL.';
  return 'Start Postgres, or fix the host and port in DATABASE_URL.';
}

/** "Postgres" (reachable) then "Migrations" (nothing pending); one connection serves both. */
export function databaseChecks(config: BackendConfig, deps: Pick<DoctorDeps, 'pendingMigrations'>): Check[] {
  const where = safeEndpoint(config.databaseUrl);
  let pending: string[] = [];
  return [
    {
      name: 'Postgres',
      run: async () => {
        try {
          pending = await deps.pendingMigrations(config.databaseUrl);
          return ok(`answers at ${where}`);
        } catch (error: unknown) {
          const reason = describeFailure(error);
          return fail(`does not answer at ${where} (${reason})`, postgresFix(reason));
        }
      },
    },
    {
      name: 'Migrations',
      needs: ['Postgres'],
      run: () =>
        Promise.resolve(
          pending.length === 0
            ? ok('the database schema is up to date')
            : fail(
                `${pending.length} migration${pending.length > 1 ? 's are' : ' is'} not applied yet (${pending.join(', ')})`,
                'Run `npm run migrate` (the backend also applies them when it starts).',
              ),
        ),
    },
  ];
}

export function redisCheck(config: BackendConfig, deps: Pick<DoctorDeps, 'pingRedis'>): Check {
  const where = safeEndpoint(config.redisUrl);
  return {
    name: 'Redis',
    run: async () => {
      try {
        await deps.pingRedis(config.redisUrl);
        return ok(`answers at ${where}`);
      } catch (error: unknown) {
        return fail(`does not answer at ${where} (${describeFailure(error)})`, 'Start Redis (redis-server), or fix REDIS_URL.');
      }
    },
  };
}
