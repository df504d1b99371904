import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxOptions } from '../options';
import { type SandboxHandle, startSandbox } from '../sandbox';
import { type MediaServer, startMediaServer } from './media-server';

export const FRONTEND = 'https://herald.test';
export const X_APP = { name: 'Herald Test', consumerKey: 'test-consumer-key', consumerSecret: 'test-consumer-secret', callbackUrls: [`${FRONTEND}/integrations/social/x`], permission: 'read-write' as const };
export const IG_APP = { name: 'Herald Test IG', appId: '880000000000001', appSecret: 'test-ig-secret', redirectUris: [`${FRONTEND}/integrations/social/instagram-standalone`] };
export const FB_APP = {
  name: 'Herald Test FB',
  appId: '880000000000002',
  appSecret: 'test-fb-secret',
  redirectUris: [`${FRONTEND}/integrations/social/facebook`, `${FRONTEND}/integrations/social/instagram`],
};

/** One sandbox per test, on ephemeral ports, sharing a CA directory across the run. */
export function startTestSandbox(overrides: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({
    caDir: join(tmpdir(), 'herald-sandbox-spec-ca'),
    basePort: 0,
    apps: { x: [X_APP], instagram: [IG_APP], facebook: [FB_APP] },
    ...overrides,
    timing: { containerProcessingMs: 0, xMediaProcessingMs: 0, ...overrides.timing },
  });
}

/**
 * A media server for the whole file and a fresh sandbox for every test (closed after it), for specs of what Graph
 * fetches: `useSandboxPerTest((h) => ({ sb, media } = h))`. A test that swaps its sandbox for another closes its own.
 */
export function useSandboxPerTest(
  set: (handles: { sb: SandboxHandle; media: MediaServer }) => void,
  start: () => Promise<SandboxHandle> = () => startTestSandbox(),
): void {
  let media: MediaServer;
  let sb: SandboxHandle | undefined;
  beforeAll(async () => {
    media = await startMediaServer();
  });
  afterAll(async () => {
    await media.close();
  });
  beforeEach(async () => {
    sb = await start();
    set({ sb, media });
  });
  afterEach(async () => {
    await sb?.close();
  });
}
