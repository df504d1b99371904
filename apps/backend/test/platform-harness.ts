import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, demoApps, type SandboxHandle, startSandbox } from '@herald/sandbox';
import axios, { type AxiosInstance } from 'axios';
import { FRONTEND, startTestBackend, type TestBackend } from './harness';

export interface PlatformHarness {
  sandbox: SandboxHandle;
  backend: TestBackend;
  /** An HTTP client that trusts the sandbox CA, acting as the person's browser on the platform's pages. */
  browser: AxiosInstance;
  close: () => Promise<void>;
}

/** The backend wired to a strict in-process sandbox (ephemeral ports), as in demo mode but for one test file. */
export async function startPlatformHarness(envOverrides: Record<string, string> = {}, sandboxOptions: Parameters<typeof startSandbox>[0] = {}): Promise<PlatformHarness> {
  const sandbox = await startSandbox({
    caDir: path.join(tmpdir(), 'herald-backend-e2e-ca'),
    basePort: 0,
    frontendUrl: FRONTEND,
    apps: demoApps(FRONTEND),
    ...sandboxOptions,
    timing: { containerProcessingMs: 0, xMediaProcessingMs: 0, ...sandboxOptions.timing },
  });
  const agent = new Agent({ ca: sandbox.caCertPem, keepAlive: false });
  const backend = await startTestBackend(
    {
      ...Object.fromEntries(Object.entries(sandbox.urls).map(([k, v]) => [k, String(v)])),
      X_API_KEY: DEMO_CREDENTIALS.x.consumerKey,
      X_API_SECRET: DEMO_CREDENTIALS.x.consumerSecret,
      INSTAGRAM_APP_ID: DEMO_CREDENTIALS.instagram.appId,
      INSTAGRAM_APP_SECRET: DEMO_CREDENTIALS.instagram.appSecret,
      FACEBOOK_APP_ID: DEMO_CREDENTIALS.facebook.appId,
      FACEBOOK_APP_SECRET: DEMO_CREDENTIALS.facebook.appSecret,
      ...envOverrides,
    },
    { providerDeps: { http: axios.create({ httpsAgent: agent, timeout: 10000 }), httpsAgent: agent } },
  );
  const browser = axios.create({ httpsAgent: agent, maxRedirects: 0, validateStatus: () => true, responseType: 'text' });
  return {
    sandbox,
    backend,
    browser,
    close: async () => {
      await backend.close();
      await sandbox.close();
      agent.destroy();
    },
  };
}

export interface ConsentChoice {
  decision?: 'approve' | 'deny';
  persona?: string;
  /** Meta: only these permissions granted (the others unchecked). */
  grantScopes?: string[];
}

/**
 * Plays the person on the platform's consent page: opens the authorization URL, submits the form, and
 * returns the query string the platform puts on Herald's callback URL.
 */
export async function consent(h: PlatformHarness, authorizationUrl: string, choice: ConsentChoice = {}): Promise<Record<string, string>> {
  const page = await h.browser.get<string>(authorizationUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${String(page.data).slice(0, 300)}`);
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams({ persona: choice.persona ?? 'alice', decision: choice.decision ?? 'approve' });
  const hidden = /name="consent" value="([^"]+)"/.exec(page.data)?.[1];
  if (hidden) form.set('consent', hidden);
  const oauthToken = url.searchParams.get('oauth_token');
  if (oauthToken) form.set('oauth_token', oauthToken);
  if (choice.grantScopes) {
    form.set('scopes_listed', '1');
    for (const scope of choice.grantScopes) form.append('scope', scope);
  }
  const answer = await h.browser.post<string>(`${url.origin}${url.pathname}`, form.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const location = answer.headers.location as string | undefined;
  if (!location) throw new Error(`consent form answered ${answer.status} without a redirect: ${String(answer.data).slice(0, 300)}`);
  const callback = new URL(location);
  if (!callback.href.startsWith(`${FRONTEND}/integrations/social/`)) throw new Error(`unexpected redirect ${callback.origin}${callback.pathname}`);
  return Object.fromEntries(callback.searchParams.entries());
}
