import { type Check, type CheckResult, fail, skip } from './check';

export interface CheckOutcome {
  name: string;
  result: CheckResult;
}

/**
 * Runs the checks in order (the output reads top to bottom like a setup guide). A check whose
 * dependency failed is skipped rather than run into a second, less helpful failure; a check that
 * throws is reported as a failure instead of stopping the others.
 */
export async function runChecks(checks: readonly Check[], onResult: (outcome: CheckOutcome) => void = () => undefined): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  const failed = new Set<string>();
  for (const check of checks) {
    const blocker = check.needs?.find((name) => failed.has(name));
    const result = blocker ? skip(`not checked: ${blocker} failed`) : await runOne(check);
    if (result.status === 'fail' || blocker) failed.add(check.name);
    const outcome = { name: check.name, result };
    outcomes.push(outcome);
    onResult(outcome);
  }
  return outcomes;
}

async function runOne(check: Check): Promise<CheckResult> {
  try {
    return await check.run();
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`the check itself crashed (${reason})`, 'Run doctor again; if it keeps crashing, report it with this line.');
  }
}
