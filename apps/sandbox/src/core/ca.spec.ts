import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSandboxCa, issueLeafCertificate } from './ca';

describe('sandbox certificate authority', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-ca-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a CA once and reuses the files afterwards', async () => {
    const first = await ensureSandboxCa(dir);
    expect(first.created).toBe(true);
    expect(new X509Certificate(first.caCertPem).ca).toBe(true);
    expect(statSync(first.caKeyPath).mode & 0o077).toBe(0);
    const second = await ensureSandboxCa(dir);
    expect(second.created).toBe(false);
    expect(second.caCertPem).toBe(first.caCertPem);
  });

  it('lets concurrent callers agree on one CA', async () => {
    const all = await Promise.all([ensureSandboxCa(dir), ensureSandboxCa(dir), ensureSandboxCa(dir)]);
    expect(new Set(all.map((c) => c.caCertPem)).size).toBe(1);
  });

  it('issues a leaf for localhost and 127.0.0.1 that a client trusting only the CA accepts', async () => {
    const ca = await ensureSandboxCa(dir);
    const leaf = await issueLeafCertificate(ca);
    const server = https.createServer({ key: leaf.key, cert: leaf.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const get = (host: string) =>
      new Promise<string>((resolve, reject) => {
        https.get({ host, port, path: '/', ca: ca.caCertPem, agent: false }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
    try {
      expect(await get('localhost')).toBe('ok');
      expect(await get('127.0.0.1')).toBe('ok');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
