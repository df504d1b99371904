import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { backendEnvShape, cronEnvShape, parseEnv, workersEnvShape } from '@herald/config';
import { envExampleVariables, read, ROOT } from './support';

// Read by tooling, never set by a person running Herald.
const INTERNAL = new Set([
  'PRISMA_SCHEMA_ENGINE_BINARY', // scripts/prisma-generate.mjs points Prisma at a stub engine
  'HERALD_DIFF_DATABASE_URL', // scripts/migration-diff.sh, a developer tool
  'NEXT_TELEMETRY_DISABLED', // set by the scripts and the image
  'HERALD_DEPLOY_SMOKE', // switches on the slow image-commands spec
  'CI',
]);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (['node_modules', 'dist', '.next', 'generated', 'test', 'test-support'].includes(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(entry) && !/\.spec\.ts$/.test(entry)) out.push(full);
  }
  return out;
}

/** Every `process.env.X` (and `env.X` in the launch scripts) in the code that ships or starts Herald. */
function variablesReadByCode(): Set<string> {
  const files = [
    ...['apps/backend/src', 'apps/workers/src', 'apps/cron/src', 'apps/sandbox/src', 'apps/frontend/src', 'libraries'].flatMap((d) => sourceFiles(path.join(ROOT, d))),
    ...['scripts/start.mjs', 'scripts/test.mjs', 'scripts/lib/toolbox.mjs', 'scripts/healthcheck.mjs'].map((f) => path.join(ROOT, f)),
  ];
  const names = new Set<string>();
  for (const file of files) {
    const text = read(path.relative(ROOT, file));
    for (const m of text.matchAll(/\bprocess\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)) names.add(m[1] ?? m[2] ?? '');
    if (file.includes(`${path.sep}scripts${path.sep}`)) for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** The sandbox validates its own variables (apps/sandbox/src/env-options.ts) with a schema it does not export. */
function sandboxVariables(): string[] {
  const text = read('apps/sandbox/src/env-options.ts');
  const schema = text.slice(text.indexOf('z.object({'), text.indexOf('});', text.indexOf('z.object({')));
  return [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] ?? '');
}

describe('.env.example', () => {
  const documented = envExampleVariables();
  const missing = (names: Iterable<string>) => [...new Set(names)].filter((n) => !documented.has(n) && !INTERNAL.has(n)).sort();

  it('documents every variable the backend, workers and cron validate', () => {
    const names = [...Object.keys(backendEnvShape), ...Object.keys(workersEnvShape), ...Object.keys(cronEnvShape)];
    expect(names).toContain('METRICS_TOKEN');
    expect(missing(names)).toEqual([]);
  });

  it("documents the sandbox's variables", () => {
    const names = sandboxVariables();
    expect(names).toEqual(expect.arrayContaining(['SANDBOX_BASE_PORT', 'SANDBOX_CA_DIR', 'X_API_KEY']));
    expect(missing(names)).toEqual([]);
  });

  it('documents every variable the code and the launch scripts read (NEXT_PUBLIC_* included)', () => {
    const names = variablesReadByCode();
    expect(names).toContain('NEXT_PUBLIC_BACKEND_URL');
    expect(names).toContain('HERALD_LOCAL_PG_PORT');
    expect(missing(names)).toEqual([]);
  });

  it('leaves commented out what an empty value would break, and sets no secret', () => {
    const text = read('.env.example');
    for (const name of ['JWT_SECRET', 'ENCRYPTION_KEY', 'POSTGRES_PASSWORD', 'METRICS_TOKEN', 'X_API_SECRET', 'FACEBOOK_APP_SECRET', 'INSTAGRAM_APP_SECRET']) {
      expect(text).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    // The sandbox reads "" literally, and the migration runner would look for migrations in "".
    for (const name of [...sandboxVariables().filter((n) => n.startsWith('SANDBOX_')), 'HERALD_MIGRATIONS_DIR', 'NODE_EXTRA_CA_CERTS']) {
      expect([name, new RegExp(`^${name}=`, 'm').test(text)]).toEqual([name, false]);
    }
  });

  it('is accepted by every app once the secrets are filled in', () => {
    const env = Object.fromEntries(
      [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    Object.assign(env, {
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DATABASE_URL: 'postgres://herald:pw@postgres:5432/herald',
      REDIS_URL: 'redis://redis:6379',
    });
    // parseEnv throws with the whole list of problems, which then shows in the failure.
    expect(() => parseEnv('backend', backendEnvShape, env)).not.toThrow();
    expect(() => parseEnv('workers', workersEnvShape, env)).not.toThrow();
    expect(() => parseEnv('cron', cronEnvShape, env)).not.toThrow();
  });
});
