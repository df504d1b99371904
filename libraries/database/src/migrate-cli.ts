// `npm run migrate`: applies pending migrations (also done automatically when each app starts).
import { runMigrations } from './migrate';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is required\n');
    process.exit(1);
  }
  const result = await runMigrations(url, { log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`migrations: ${result.applied.length} applied, ${result.total} in total\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
