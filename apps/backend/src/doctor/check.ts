/** `ok` ✓, `fail` ✗ (makes doctor exit non-zero), `warn` ! (works, but something will bite later), `skip` – (nothing to check). */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  status: CheckStatus;
  /** What was found, in one line. */
  message: string;
  /** For `fail` and `warn`: what to change, in one sentence. */
  fix?: string;
  /** Extra lines worth seeing even on success (e.g. the redirect URIs to register). */
  details?: string[];
}

export interface Check {
  /** Unique and short ("Postgres", "X app"); later checks name it in `needs`. */
  name: string;
  /** Names of checks that must not have failed for this one to be worth running. */
  needs?: readonly string[];
  run(): Promise<CheckResult>;
}

export const ok = (message: string, details?: string[]): CheckResult => ({ status: 'ok', message, ...(details ? { details } : {}) });
export const fail = (message: string, fix: string, details?: string[]): CheckResult => ({ status: 'fail', message, fix, ...(details ? { details } : {}) });
export const warn = (message: string, fix: string, details?: string[]): CheckResult => ({ status: 'warn', message, fix, ...(details ? { details } : {}) });
export const skip = (message: string, details?: string[]): CheckResult => ({ status: 'skip', message, ...(details ? { details } : {}) });
