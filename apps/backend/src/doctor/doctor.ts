import { type BackendConfig, backendConfigFrom, ConfigError } from '@herald/config';
import { fail, ok } from './check';
import { buildChecks } from './checks';
import type { DoctorDeps } from './doctor-deps';
import { createRedactor, secretsIn } from './redact';
import { formatOutcome, summarize } from './report';
import { type CheckOutcome, runChecks } from './run-checks';

export interface DoctorOptions {
  env: Readonly<Record<string, string | undefined>>;
  deps: DoctorDeps;
  /** Receives each output line as soon as it is known (no trailing newline). */
  write: (line: string) => void;
  /** Where the environment came from, for the header (e.g. "/srv/herald/.env, 14 variables"). */
  source?: string;
}

export interface DoctorReport {
  exitCode: number;
  outcomes: CheckOutcome[];
}

function environment(env: DoctorOptions['env']): { outcome: CheckOutcome; config?: BackendConfig } {
  try {
    const config = backendConfigFrom(env);
    return { outcome: { name: 'Environment', result: ok('every variable is valid') }, config };
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    const count = error.problems.length;
    const result = fail(
      `${count} problem${count > 1 ? 's' : ''}; the other checks wait until it is valid`,
      'Fix them in .env (.env.example describes every variable), then run doctor again.',
      error.problems,
    );
    return { outcome: { name: 'Environment', result } };
  }
}

/** Runs every check, printing as it goes; the exit code is 1 when any line is ✗. Never prints a secret. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const redact = createRedactor(secretsIn(options.env));
  const print = (outcome: CheckOutcome) => formatOutcome(outcome).forEach((line) => options.write(redact(line)));
  options.write(redact(`Herald doctor${options.source ? ` (${options.source})` : ''}`));
  options.write('');

  const env = environment(options.env);
  print(env.outcome);
  const outcomes = [env.outcome];
  if (env.config) outcomes.push(...(await runChecks(buildChecks(env.config, options.env, options.deps), print)));

  options.write('');
  options.write(summarize(outcomes));
  return { exitCode: outcomes.some((o) => o.result.status === 'fail') ? 1 : 0, outcomes };
}
