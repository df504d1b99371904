// `npm run media:migrate -- --to s3`: copies the files under UPLOAD_DIRECTORY to the S3 bucket of the S3_* settings
// and rewrites the image addresses stored in posts (docs/self-hosting.md#moving-existing-media-to-s3). Resumable:
// stop it at any point and run it again; files already in the bucket are skipped. Local files are kept.
//   node apps/cron/dist/media-migrate.js --to s3 [--max-files=N]
import { cronConfigFrom, loadDotEnv } from '@herald/config';
import { LocalMediaStorage, migrateMediaToS3, S3MediaStorage } from '@herald/core';
import { createDatabase } from '@herald/database';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

async function main(): Promise<number> {
  loadDotEnv();
  const to = argValue('to');
  if (to !== 's3') {
    process.stderr.write('media:migrate: say where to: --to s3 (copying from S3 back to local disk is not supported)\n');
    return 64;
  }
  // The S3 settings are read whatever STORAGE says, so the copy can run before the switch.
  const config = cronConfigFrom({ ...process.env, STORAGE: 's3' }, true);
  if (config.storage.kind !== 's3') return 64;
  const rawMax = argValue('max-files');
  const maxFiles = rawMax === undefined ? undefined : Number(rawMax);
  if (maxFiles !== undefined && (!Number.isInteger(maxFiles) || maxFiles < 1)) throw new Error('--max-files must be a positive integer');
  const db = createDatabase(config.databaseUrl, { max: 2 });
  const target = new S3MediaStorage(config.storage, config.uploadDirectory, config.uploadsPublicUrl, { maxVideoBytes: config.uploadMaxVideoBytes });
  try {
    const result = await migrateMediaToS3(
      { db, local: new LocalMediaStorage(config.uploadDirectory, config.uploadsPublicUrl, { maxVideoBytes: config.uploadMaxVideoBytes }), target, uploadDirectory: config.uploadDirectory },
      maxFiles === undefined ? {} : { maxFiles },
    );
    process.stdout.write(
      `media:migrate: ${result.copied} copied, ${result.skipped} already in the bucket, ${result.postsRewritten} posts rewritten${result.more ? '; stopped by --max-files: run again to finish' : '; done: set STORAGE=s3 and restart'}\n`,
    );
    return 0;
  } finally {
    target.client.destroy();
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`media:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
