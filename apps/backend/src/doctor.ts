import path from 'node:path';
import { loadDotEnv } from '@herald/config';
import { createDoctorDeps, runDoctor } from './doctor/index';

/** `npm run doctor`: checks the setup from the same .env the apps read, and exits 1 when something is broken. */
async function main(): Promise<void> {
  const file = path.resolve(process.cwd(), '.env');
  const loaded = loadDotEnv(file);
  const source = loaded.length > 0 ? `${file}: ${loaded.length} variables` : 'no .env here: using the process environment';
  const report = await runDoctor({ env: process.env, deps: createDoctorDeps(), write: (line) => process.stdout.write(`${line}\n`), source });
  // Explicit exit: a half-open socket to an unreachable host must not keep the command waiting.
  process.exit(report.exitCode);
}

main().catch((error: unknown) => {
  process.stderr.write(`doctor failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
