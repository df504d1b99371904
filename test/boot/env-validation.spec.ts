import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const REGISTER = path.join(ROOT, 'apps/workers/test/support/register-ts.cjs');

// Each app validates its environment once at boot and refuses to start with the list of what is wrong.
describe.each([
  ['backend', ['DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEY', 'JWT_SECRET']],
  ['workers', ['DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEY']],
  ['cron', ['DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEY']],
])('the %s app with an empty environment', (app, required) => {
  it('exits non-zero and lists every problem', () => {
    const result = spawnSync(process.execPath, ['--require', REGISTER, path.join(ROOT, `apps/${app}/src/main.ts`)], {
      cwd: path.join(ROOT, 'test/boot'), // no .env here
      env: { PATH: process.env.PATH, HOME: process.env.HOME, FRONTEND_URL: 'not a url' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${app}: invalid environment`);
    for (const name of [...required, 'FRONTEND_URL']) expect(result.stderr).toMatch(new RegExp(`- ${name} `));
    expect(result.stdout).toBe('');
  });
});
