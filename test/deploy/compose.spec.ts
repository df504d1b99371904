import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { durationSeconds, envExampleVariables, loadCompose, read, ROOT } from './support';

const APPS = ['backend', 'frontend', 'workers', 'cron'] as const;
const { raw, compose, errors } = loadCompose();
const service = (name: string) => {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no ${name} service`);
  return s;
};
const healthTest = (name: string) => [service(name).healthcheck?.test ?? []].flat().join(' ');

describe('docker-compose.yml', () => {
  it('is valid YAML and valid against the Compose specification schema', () => {
    expect(errors).toEqual([]);
    const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has the data services, every app, the all-in-one process and the separate ones under their profiles, and the sandbox only under the demo profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backend', 'cron', 'frontend', 'herald', 'minio', 'postgres', 'redis', 'sandbox', 'workers']);
    expect(Number(/^postgres:(\d+)/.exec(service('postgres').image ?? '')?.[1])).toBeGreaterThanOrEqual(16);
    expect(service('redis').image).toMatch(/^redis:7\b/);
    expect(service('sandbox').profiles).toEqual(['demo']);
    for (const name of ['backend', 'workers', 'cron']) expect([name, service(name).profiles]).toEqual([name, ['separate']]);
    expect(service('herald').profiles).toEqual(['all-in-one']);
    for (const name of ['postgres', 'redis', 'frontend']) expect([name, service(name).profiles]).toEqual([name, undefined]);
    // .env.example picks one of the two, so a plain `docker compose up -d` runs the API once.
    expect(read('.env.example')).toMatch(/^COMPOSE_PROFILES=separate$/m);
  });

  it('runs the all-in-one process as `backend` inside the project, with the backend\'s port, volumes and health check', () => {
    const herald = service('herald');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(herald.command?.join(' ')).toBe(scripts['start:prod:all-in-one']);
    expect(herald.ports).toEqual(service('backend').ports);
    expect(herald.volumes).toEqual(service('backend').volumes);
    expect(healthTest('herald')).toBe(healthTest('backend'));
    expect(herald.depends_on).toEqual(service('backend').depends_on);
    expect(herald.environment).toEqual(service('backend').environment);
    expect(raw).toMatch(/aliases: \[backend, backend\.localhost\]/);
    expect(durationSeconds(herald.stop_grace_period ?? '10s')).toBeGreaterThan(25);
  });

  it('runs every app from the one image this repository builds, with the commands of package.json', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of [...APPS, 'herald', 'sandbox']) {
      expect(service(name).build?.context).toBe('.');
      expect(service(name).image).toBe(service('backend').image);
      expect(service(name).init).toBe(true);
    }
    for (const name of ['backend', 'workers', 'cron', 'sandbox']) {
      const command = service(name).command?.join(' ');
      expect(scripts[`start:prod:${name}`]).toBe(command);
    }
    expect(service('frontend').working_dir).toBe('/app/apps/frontend');
    expect(service('frontend').command?.slice(0, 3)).toEqual(['node', 'node_modules/next/dist/bin/next', 'start']);
    expect(service('backend').build?.args).toHaveProperty('NEXT_PUBLIC_BACKEND_URL');
  });

  it('gives every service a healthcheck and a restart policy', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
      expect([name, healthTest(name)]).toEqual([name, expect.stringMatching(/\S/)]);
    }
    expect(healthTest('postgres')).toContain('pg_isready');
    expect(healthTest('redis')).toContain('redis-cli ping');
    expect(healthTest('backend')).toBe('CMD node scripts/healthcheck.mjs http http://127.0.0.1:3000/health');
    expect(healthTest('frontend')).toBe('CMD node /app/scripts/healthcheck.mjs http http://127.0.0.1:4200/login');
    expect(healthTest('workers')).toBe('CMD node scripts/healthcheck.mjs heartbeat workers');
    expect(healthTest('cron')).toBe('CMD node scripts/healthcheck.mjs heartbeat cron');
    expect(existsSync(path.join(ROOT, 'scripts/healthcheck.mjs'))).toBe(true);
  });

  it('starts each app only once what it needs is healthy', () => {
    for (const name of ['backend', 'workers', 'cron']) {
      expect(service(name).depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        sandbox: { condition: 'service_healthy', required: false },
      });
    }
    expect(service('frontend').depends_on).toEqual({
      backend: { condition: 'service_healthy', required: false },
      herald: { condition: 'service_healthy', required: false },
    });
  });

  it('keeps Postgres data, uploads and the sandbox CA in named volumes', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['minio-data', 'postgres-data', 'redis-data', 'sandbox-ca', 'uploads']);
    expect(service('postgres').volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    const uploadDir = String(service('backend').environment?.UPLOAD_DIRECTORY);
    expect(service('backend').volumes).toContain(`uploads:${uploadDir}`);
    expect(service('cron').volumes).toContain(`uploads:${uploadDir}`);
    expect(service('sandbox').volumes).toEqual(['sandbox-ca:/sandbox-ca']);
    for (const name of ['backend', 'workers', 'cron']) expect(service(name).volumes).toContain('sandbox-ca:/sandbox-ca:ro');
  });

  it('reads configuration from .env and hard-codes no secret', () => {
    for (const name of [...APPS, 'sandbox']) expect(service(name).env_file).toEqual([{ path: '.env', required: true }]);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/SECRET|PASSWORD|TOKEN|_KEY$/.test(key)) expect([name, key, String(value)]).toEqual([name, key, expect.stringMatching(/^\$\{[A-Z][A-Z0-9_]*(:\?[^}]*)?\}$/)]);
      }
    }
    const databaseUrl = String(service('backend').environment?.DATABASE_URL);
    expect(databaseUrl).toMatch(/^postgres:\/\/\$\{POSTGRES_USER:-herald\}:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\//);
    expect(raw).not.toMatch(/db push/);
  });

  it('names in .env.example every variable it interpolates', () => {
    const documented = envExampleVariables();
    const used = [...raw.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('gives the workers longer to stop than their own grace for running jobs (25 s)', () => {
    expect(durationSeconds(service('workers').stop_grace_period ?? '10s')).toBeGreaterThan(25);
    expect(durationSeconds(service('backend').stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(20);
  });

  it('gives the cron fixed glibc malloc thresholds, the same under npm start, and otherwise every app\'s environment', () => {
    // Fixed thresholds give the memory the cron's start-up freed back to the system (bench/README.md, issue 21).
    const environment = Object.entries(service('cron').environment ?? {});
    const malloc = Object.fromEntries(environment.filter(([name]) => name.startsWith('MALLOC_')));
    expect(malloc).toEqual({ MALLOC_MMAP_THRESHOLD_: '16384', MALLOC_TRIM_THRESHOLD_: '131072' });
    expect(Object.fromEntries(environment.filter(([name]) => !name.startsWith('MALLOC_')))).toEqual(service('workers').environment);
    const start = read('scripts/start.mjs');
    for (const [name, value] of Object.entries(malloc)) expect(start).toContain(`${name}: '${String(value)}'`);
    expect(start).toMatch(/launch\('cron', [^\n]*\{ \.\.\.env, \.\.\.CRON_MALLOC_ENV \}\);/);
  });

  it('offers MinIO under the minio profile: a pinned image, its root account from the S3 settings, the bucket made at start', () => {
    const minio = service('minio');
    expect(minio.profiles).toEqual(['minio']);
    expect(minio.image).toMatch(/^minio\/minio:RELEASE\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    expect(minio.environment).toEqual({
      MINIO_ROOT_USER: '${S3_ACCESS_KEY_ID}',
      MINIO_ROOT_PASSWORD: '${S3_SECRET_ACCESS_KEY}',
      S3_BUCKET: '${S3_BUCKET}',
      // The dashboard's direct uploads PUT parts to MinIO from the browser.
      MINIO_API_CORS_ALLOW_ORIGIN: '${FRONTEND_URL:-http://localhost:4200}',
    });
    const script = [minio.command ?? []].flat().join(' ');
    expect(script).toContain('minio server /data');
    expect(script).toContain('mc mb --ignore-existing "herald/$$S3_BUCKET"');
    expect(healthTest('minio')).toContain('mc ls');
    expect(minio.volumes).toEqual(['minio-data:/data']);
    const example = read('.env.example');
    for (const name of ['STORAGE', 'S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PUBLIC_URL', 'MEDIA_RETENTION_DAYS']) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('points the demo sandbox at a host name that works inside the project and in a browser', () => {
    const sandbox = service('sandbox');
    expect(sandbox.environment).toMatchObject({ SANDBOX_HOST: '0.0.0.0', SANDBOX_PUBLIC_HOST: 'sandbox.localhost', SANDBOX_CA_DIR: '/sandbox-ca' });
    expect(raw).toMatch(/aliases: \[sandbox\.localhost\]/);
    const example = read('.env.example');
    for (let port = 4301; port <= 4307; port += 1) expect(example).toContain(`https://sandbox.localhost:${port}`);
    expect(example).toContain('# NODE_EXTRA_CA_CERTS=/sandbox-ca/sandbox-ca.pem');
  });
});
