import type { CheckStatus } from './check';
import type { CheckOutcome } from './run-checks';

export const SYMBOLS: Readonly<Record<CheckStatus, string>> = { ok: '✓', fail: '✗', warn: '!', skip: '–' };

/** The lines for one check: the verdict, any details, then the fix. */
export function formatOutcome({ name, result }: CheckOutcome): string[] {
  const lines = [`${SYMBOLS[result.status]} ${name}: ${result.message}`];
  for (const detail of result.details ?? []) lines.push(`    ${detail}`);
  if (result.fix && (result.status === 'fail' || result.status === 'warn')) lines.push(`    → ${result.fix}`);
  return lines;
}

export function summarize(outcomes: readonly CheckOutcome[]): string {
  const failures = outcomes.filter((o) => o.result.status === 'fail').length;
  const warnings = outcomes.filter((o) => o.result.status === 'warn').length;
  if (failures === 0 && warnings === 0) return 'All checks passed.';
  const parts = [
    failures ? `${failures} problem${failures > 1 ? 's' : ''}` : '',
    warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  const advice = failures ? 'fix the ✗ lines, then run doctor again.' : 'Herald will run, but read the ! lines.';
  return `${parts.join(', ')}: ${advice}`;
}
