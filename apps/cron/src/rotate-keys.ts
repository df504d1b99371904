// `npm run rotate-keys`: re-encrypts every stored secret under ENCRYPTION_KEY (docs/operations.md#key-rotation).
// Run it after moving the old key to ENCRYPTION_KEYS_PREVIOUS; once it reports nothing unreadable, the old key
// can be removed. Safe to run while Herald runs, to stop at any point and to run again.
//   node apps/cron/dist/rotate-keys.js [--batch-size=500] [--max-batches=N]
import { cronConfigFrom, loadDotEnv } from '@herald/config';
import { createLogger, rotateSecrets } from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { createDatabase, SecretsRepository } from '@herald/database';

function numberArg(name: string): number | undefined {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = cronConfigFrom(process.env, true);
  const logger = createLogger('rotate-keys', config.logLevel);
  const db = createDatabase(config.databaseUrl, { max: 2 });
  try {
    const cipher = new TokenCipher(config.encryption.currentKey, config.encryption.previousKeys);
    const batchSize = numberArg('batch-size');
    const maxBatches = numberArg('max-batches');
    const result = await rotateSecrets({ secrets: new SecretsRepository(db), cipher, logger }, { ...(batchSize ? { batchSize } : {}), ...(maxBatches ? { maxBatches } : {}) });
    process.stdout.write(
      `rotate-keys: ${result.rotated} re-encrypted, ${result.changedMeanwhile} changed meanwhile (already current), ${result.unreadable} unreadable${result.more ? ', stopped by --max-batches: run again to finish' : ''}\n`,
    );
    if (result.unreadable > 0) {
      process.stdout.write('rotate-keys: some secrets cannot be read with ENCRYPTION_KEY or ENCRYPTION_KEYS_PREVIOUS; keep the old keys until the channels concerned are reconnected\n');
      return 2;
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rotate-keys failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
