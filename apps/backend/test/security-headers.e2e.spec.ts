import request from 'supertest';
import { DOCS_CSP } from '../src/public-api/docs-page';
import { startTestBackend, type TestBackend } from './harness';

describe('API security headers (helmet)', () => {
  let backend: TestBackend;
  let secure: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
    secure = await startTestBackend({ NEXT_PUBLIC_BACKEND_URL: 'https://api.herald.example', FRONTEND_URL: 'https://herald.example' });
  });
  afterAll(async () => {
    await backend.close();
    await secure.close();
  });

  it('sends a strict CSP, no framing, no referrer and nosniff on JSON answers; no HSTS over http', async () => {
    const res = await request(backend.server).get('/health');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // Uploads stay loadable by the dashboard's origin.
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('sends HSTS when the API is served over https', async () => {
    const res = await request(secure.server).get('/health');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('leaves the public API docs page its own policy (its script by hash)', async () => {
    const res = await request(backend.server).get('/public/v1/docs').expect(200);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
  });
});
