import type { BackendConfig } from '@herald/config';
import type { ProviderRegistry } from '@herald/providers';
import type { Check } from '../check';
import type { DoctorDeps } from '../doctor-deps';
import { clockCheck } from './clock.check';
import { emailCheck } from './email.check';
import { databaseChecks, redisCheck } from './infrastructure.checks';
import { platformChecks } from './platform.checks';
import { uploadsCheck } from './uploads.check';
import { webChecks } from './web.checks';

/** Every check after the environment, in the order a person sets Herald up. */
export function buildChecks(config: BackendConfig, env: Readonly<Record<string, string | undefined>>, deps: DoctorDeps): Check[] {
  let registry: ProviderRegistry | undefined;
  const providers = () => (registry ??= deps.providers(config));
  return [
    ...databaseChecks(config, deps),
    redisCheck(config, deps),
    ...webChecks(config, deps),
    uploadsCheck(config, deps),
    clockCheck(config, deps),
    emailCheck(config, deps),
    ...platformChecks(config, env, providers),
  ];
}
