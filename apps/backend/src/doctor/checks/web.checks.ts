import type { BackendConfig } from '@herald/config';
import { type Check, fail, ok } from '../check';
import { describeFailure } from '../describe-failure';
import type { DoctorDeps, HttpAnswer } from '../doctor-deps';

export function frontendCheck(config: BackendConfig, deps: Pick<DoctorDeps, 'httpGet'>): Check {
  const url = config.frontendUrl;
  return {
    name: 'Dashboard',
    run: async () => {
      let answer: HttpAnswer;
      try {
        answer = await deps.httpGet(url);
      } catch (error: unknown) {
        return fail(
          `nothing answers at FRONTEND_URL ${url} (${describeFailure(error)})`,
          'Start the dashboard (npm run start:prod:frontend), or set FRONTEND_URL to the address people open in their browser.',
        );
      }
      if (answer.status >= 500) {
        return fail(`${url} answers HTTP ${answer.status}`, 'Read the dashboard log; a proxy in front of it may not reach it.');
      }
      return ok(`answers at ${url} (HTTP ${answer.status})`);
    },
  };
}

interface HealthBody {
  status?: unknown;
  checks?: Record<string, unknown>;
}

function parseHealth(body: string): HealthBody | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `GET <base>/health`, for NEXT_PUBLIC_BACKEND_URL and, when it differs, BACKEND_INTERNAL_URL. */
export function backendCheck(name: string, variable: string, base: string, deps: Pick<DoctorDeps, 'httpGet'>): Check {
  const url = `${base}/health`;
  return {
    name,
    run: async () => {
      let answer: HttpAnswer;
      try {
        answer = await deps.httpGet(url);
      } catch (error: unknown) {
        return fail(
          `nothing answers at ${variable} ${base} (${describeFailure(error)})`,
          `Start the backend (npm run start:prod:backend), or set ${variable} to the address where it listens.`,
        );
      }
      const health = parseHealth(answer.body);
      if (answer.status === 503 && health?.checks) {
        const down = Object.entries(health.checks).filter(([, state]) => state !== 'up').map(([check]) => check);
        return fail(`${url} says ${down.join(' and ')} down`, `The backend cannot reach ${down.join(' and ')}: give it the same DATABASE_URL and REDIS_URL as this .env.`);
      }
      if (answer.status !== 200 || health?.status !== 'ok') {
        return fail(`${url} answers HTTP ${answer.status}, not Herald's health report`, `Point ${variable} at Herald's backend (default http://localhost:3000), not at another service.`);
      }
      return ok(`answers at ${url}`);
    },
  };
}

export function webChecks(config: BackendConfig, deps: Pick<DoctorDeps, 'httpGet'>): Check[] {
  const checks = [frontendCheck(config, deps), backendCheck('Backend', 'NEXT_PUBLIC_BACKEND_URL', config.backendPublicUrl, deps)];
  if (config.backendInternalUrl !== config.backendPublicUrl) {
    checks.push(backendCheck('Backend (internal)', 'BACKEND_INTERNAL_URL', config.backendInternalUrl, deps));
  }
  return checks;
}
