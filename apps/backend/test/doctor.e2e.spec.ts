import { createServer, type Server } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDoctorDeps, type DoctorDeps, runDoctor } from '../src/doctor/index';
import { DEMO_CREDENTIALS, type SandboxHandle, startSandbox } from '../../sandbox/src';
import { startSmtpCapture } from '../../../test/support/smtp-capture';
import { startTestBackend, testEnv, type TestBackend } from './harness';

// The uploads host must look public for an all-green run; doctor's GET to it is sent to the test backend.
const PUBLIC_UPLOADS = 'https://uploads.herald.example/uploads';

let sandbox: SandboxHandle;
let backend: TestBackend;
let backendUrl: string;
let dashboard: Server;
let dashboardPort: number;
let deadPort: number;
let deps: DoctorDeps;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dashboard = createServer((_req, res) => res.end('<html>Herald</html>'));
  dashboardPort = await listen(dashboard);
  const closed = createServer();
  deadPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));

  sandbox = await startSandbox({ basePort: 0, caDir: path.join(tmpdir(), 'herald-doctor-e2e-ca'), frontendUrl: `http://localhost:${dashboardPort}` });
  backend = await startTestBackend();
  await backend.app.listen(0, '127.0.0.1');
  backendUrl = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;

  const real = createDoctorDeps({ httpsAgent: new Agent({ ca: sandbox.caCertPem }) });
  deps = { ...real, httpGet: (url) => real.httpGet(url.startsWith(PUBLIC_UPLOADS) ? url.replace(PUBLIC_UPLOADS, `${backendUrl}/uploads`) : url) };
});

afterAll(async () => {
  await backend?.close();
  await sandbox?.close();
  await new Promise((resolve) => dashboard?.close(resolve));
});

const FACEBOOK = { FACEBOOK_APP_ID: DEMO_CREDENTIALS.facebook.appId, FACEBOOK_APP_SECRET: DEMO_CREDENTIALS.facebook.appSecret };

/**
 * A correct setup against the sandbox, each callback registered there. The Facebook app is added per test.
 */
function goodEnv(): Record<string, string | undefined> {
  return testEnv({
    FRONTEND_URL: `http://localhost:${dashboardPort}`,
    NEXT_PUBLIC_BACKEND_URL: backendUrl,
    BACKEND_INTERNAL_URL: backendUrl,
    UPLOADS_PUBLIC_URL: PUBLIC_UPLOADS,
    X_API_KEY: DEMO_CREDENTIALS.x.consumerKey,
    X_API_SECRET: DEMO_CREDENTIALS.x.consumerSecret,
    INSTAGRAM_APP_ID: DEMO_CREDENTIALS.instagram.appId,
    INSTAGRAM_APP_SECRET: DEMO_CREDENTIALS.instagram.appSecret,
    ...sandbox.urls,
  });
}

async function doctor(overrides: Record<string, string> = {}) {
  const env = { ...goodEnv(), ...overrides };
  const lines: string[] = [];
  const report = await runDoctor({ env, deps, write: (line) => lines.push(line) });
  const output = lines.join('\n');
  const line = (name: string) => lines.find((l) => l.slice(2).startsWith(`${name}:`)) ?? `(no line for ${name})`;
  const fixOf = (name: string) => lines[lines.indexOf(line(name)) + 1] ?? '';
  return { ...report, env, lines, output, line, fixOf };
}

function expectNoSecrets(output: string, env: Record<string, string | undefined>) {
  for (const name of ['X_API_SECRET', 'FACEBOOK_APP_SECRET', 'INSTAGRAM_APP_SECRET', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    const secret = env[name];
    if (secret) expect(output).not.toContain(secret);
  }
}

describe('doctor against the sandbox', () => {
  it('is all green with a correct setup', async () => {
    const run = await doctor();
    expect(run.outcomes.filter((o) => o.result.status === 'fail' || o.result.status === 'warn')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.line('X app')).toMatch(/^✓ X app: API key accepted, and X approves the callback http:\/\/localhost:\d+\/integrations\/social\/x$/);
    expect(run.line('Instagram app')).toMatch(/^– Instagram app: app \d+: not checkable without someone signing in/);
    expect(run.output).toContain(`Deauthorize callback URL: ${backendUrl}/integrations/meta/deauthorize`);
    expect(run.line('Facebook app')).toMatch(/^– Facebook app: not configured: set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET/);
    const database = new URL(String(process.env.DATABASE_URL));
    expect(run.line('Postgres')).toBe(`✓ Postgres: answers at ${database.host}${database.pathname}`);
    expect(run.line('Clock')).toMatch(/^✓ Clock: agrees with /);
    expect(run.output).toMatch(/All checks passed\.$/);
    expectNoSecrets(run.output, run.env);
  });

  it('accepts a correct Facebook app id and secret', async () => {
    const run = await doctor(FACEBOOK);
    expect(run.line('Facebook app')).toMatch(/^✓ Facebook app: app \d+: id and secret accepted/);
  });

  it('names a wrong X secret with code 32 and where to copy the keys from', async () => {
    const run = await doctor({ X_API_SECRET: 'not-the-right-secret-at-all' });
    expect(run.exitCode).toBe(1);
    expect(run.line('X app')).toBe('✗ X app: X rejected the API key (code 32)');
    expect(run.fixOf('X app')).toMatch(/X developer portal → your app → Keys and tokens/);
    expect(run.line('Instagram app')).toMatch(/^– /);
    expectNoSecrets(run.output, run.env);
  });

  it('names the callback X has not approved (code 415)', async () => {
    // Same dashboard, reached by another name: the sandbox X app only knows the localhost callback.
    const frontend = `http://127.0.0.1:${dashboardPort}`;
    const run = await doctor({ FRONTEND_URL: frontend });
    expect(run.exitCode).toBe(1);
    expect(run.line('Dashboard')).toMatch(/^✓ /);
    expect(run.line('X app')).toBe(`✗ X app: X does not have ${frontend}/integrations/social/x as a callback URL (code 415)`);
    expect(run.fixOf('X app')).toMatch(/User authentication settings/);
  });

  it('names a wrong Meta app secret', async () => {
    const run = await doctor({ ...FACEBOOK, FACEBOOK_APP_SECRET: 'wrong-facebook-secret' });
    expect(run.exitCode).toBe(1);
    expect(run.line('Facebook app')).toBe(`✗ Facebook app: Meta rejected the app secret of app ${DEMO_CREDENTIALS.facebook.appId}`);
    expect(run.fixOf('Facebook app')).toMatch(/FACEBOOK_APP_SECRET/);
    expect(run.line('X app')).toMatch(/^✓ /);
    expectNoSecrets(run.output, run.env);
  });

  it('reports Redis down without stopping the other checks', async () => {
    const run = await doctor({ REDIS_URL: `redis://:hunter2-redis-password@127.0.0.1:${deadPort}` });
    expect(run.exitCode).toBe(1);
    expect(run.line('Redis')).toBe(`✗ Redis: does not answer at 127.0.0.1:${deadPort} (connection refused)`);
    expect(run.fixOf('Redis')).toMatch(/REDIS_URL/);
    expect(run.line('X app')).toMatch(/^✓ /);
    expect(run.output).not.toContain('hunter2-redis-password');
  });

  it('warns when media would be served from localhost', async () => {
    const run = await doctor({ UPLOADS_PUBLIC_URL: `${backendUrl}/uploads` });
    expect(run.line('Uploads URL')).toMatch(/^! Uploads URL: .* not reachable from the internet/);
    expect(run.fixOf('Uploads URL')).toMatch(/UPLOADS_PUBLIC_URL/);
    expect(run.exitCode).toBe(0);
  });

  it('lists every environment problem and runs nothing else', async () => {
    const run = await doctor({ JWT_SECRET: 'short', DATABASE_URL: 'mysql://nope' });
    expect(run.exitCode).toBe(1);
    expect(run.outcomes.map((o) => o.name)).toEqual(['Environment']);
    expect(run.output).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(run.output).toMatch(/DATABASE_URL must start with postgres:\/\//);
  });

  it('reports email as not configured without EMAIL_SMTP_URL, and checks the SMTP login with it', async () => {
    expect((await doctor()).line('Email')).toMatch(/^– Email: not configured \(EMAIL_SMTP_URL is unset\)/);
    const smtp = await startSmtpCapture();
    try {
      const good = await doctor({ EMAIL_SMTP_URL: smtp.url, EMAIL_FROM: 'Herald <herald@example.test>' });
      expect(good.line('Email')).toBe(`✓ Email: logged in to smtp://${new URL(smtp.url).host}; mail goes out as Herald <herald@example.test>`);
      expect(smtp.messages).toEqual([]);
      const wrong = new URL(smtp.url);
      wrong.password = 'wrong-smtp-password';
      const bad = await doctor({ EMAIL_SMTP_URL: wrong.toString() });
      expect(bad.exitCode).toBe(1);
      expect(bad.line('Email')).toBe(`✗ Email: cannot log in to smtp://${wrong.host} (login refused)`);
      expect(bad.fixOf('Email')).toMatch(/user and password in EMAIL_SMTP_URL/);
      expect(bad.output).not.toContain('wrong-smtp-password');
    } finally {
      await smtp.close();
    }
  });
});
