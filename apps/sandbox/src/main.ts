import { resolve } from 'node:path';
import { ensureSandboxCa } from './core/ca';
import { optionsFromEnv } from './env-options';
import { startSandbox } from './sandbox';

/**
 * `node dist/main.js` starts every impersonated host. `--ca-only` writes (or reuses) the CA and exits, so a
 * launcher can set NODE_EXTRA_CA_CERTS for the other processes before any of them starts.
 */
async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  if (process.argv.includes('--ca-only')) {
    const ca = await ensureSandboxCa(resolve(options.caDir ?? '.data/sandbox-ca'));
    process.stdout.write(`${ca.caCertPath}\n`);
    return;
  }
  const sandbox = await startSandbox(options);
  const lines = [
    'Herald sandbox is running (local stand-ins for X, Instagram and Facebook; no real platform is contacted).',
    `Admin: ${sandbox.adminUrl}  (GET /ledger, /faults, /personas; POST /reset)`,
    '',
    '# Point Herald at the sandbox:',
    `NODE_EXTRA_CA_CERTS=${sandbox.caCertPath}`,
    ...Object.entries(sandbox.urls).map(([k, v]) => `${k}=${v}`),
    `X_API_KEY=${sandbox.apps.x[0]?.consumerKey ?? ''}`,
    `X_API_SECRET=${sandbox.apps.x[0]?.consumerSecret ?? ''}`,
    `INSTAGRAM_APP_ID=${sandbox.apps.instagram[0]?.appId ?? ''}`,
    `INSTAGRAM_APP_SECRET=${sandbox.apps.instagram[0]?.appSecret ?? ''}`,
    `FACEBOOK_APP_ID=${sandbox.apps.facebook[0]?.appId ?? ''}`,
    `FACEBOOK_APP_SECRET=${sandbox.apps.facebook[0]?.appSecret ?? ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
