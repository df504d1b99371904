import { X509Certificate } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from 'selfsigned';

export interface SandboxCa {
  dir: string;
  caCertPath: string;
  caKeyPath: string;
  caCertPem: string;
  caKeyPem: string;
  /** True when this call created the files. */
  created: boolean;
}

const CERT_FILE = 'sandbox-ca.pem';
const KEY_FILE = 'sandbox-ca-key.pem';
const LOCK_FILE = '.sandbox-ca.lock';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

function readExisting(dir: string): SandboxCa | undefined {
  const caCertPath = join(dir, CERT_FILE);
  const caKeyPath = join(dir, KEY_FILE);
  if (!existsSync(caCertPath) || !existsSync(caKeyPath)) return undefined;
  const caCertPem = readFileSync(caCertPath, 'utf8');
  const caKeyPem = readFileSync(caKeyPath, 'utf8');
  const cert = new X509Certificate(caCertPem);
  if (!cert.ca || new Date(cert.validTo).getTime() < Date.now() + 24 * 3600 * 1000) return undefined;
  return { dir, caCertPath, caKeyPath, caCertPem, caKeyPem, created: false };
}

function writeAtomic(path: string, content: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}

/**
 * Creates (or reuses) the sandbox certificate authority in `dir`, so that other processes can trust it
 * through NODE_EXTRA_CA_CERTS before they start. Safe when several processes call it at once: one creates,
 * the others wait for its files.
 */
export async function ensureSandboxCa(dir: string): Promise<SandboxCa> {
  mkdirSync(dir, { recursive: true });
  const existing = readExisting(dir);
  if (existing) return existing;
  const lockPath = join(dir, LOCK_FILE);
  const deadline = Date.now() + 15_000;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch {
      // Another process is creating the CA; a lock older than 30 s is a crashed one.
      const age = existsSync(lockPath) ? Date.now() - statSync(lockPath).mtimeMs : 0;
      if (age > 30_000) unlinkSync(lockPath);
      if (Date.now() > deadline) throw new Error(`sandbox CA lock ${lockPath} is held too long`);
      await sleep(50);
      const done = readExisting(dir);
      if (done) return done;
      continue;
    }
    try {
      const again = readExisting(dir);
      if (again) return again;
      const ca = await generate([{ name: 'commonName', value: 'Herald Sandbox CA (local testing only)' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        notAfterDate: new Date(Date.now() + TEN_YEARS_MS),
        extensions: [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
        ],
      });
      writeAtomic(join(dir, KEY_FILE), ca.private, 0o600);
      writeAtomic(join(dir, CERT_FILE), ca.cert, 0o644);
      return { dir, caCertPath: join(dir, CERT_FILE), caKeyPath: join(dir, KEY_FILE), caCertPem: ca.cert, caKeyPem: ca.private, created: true };
    } finally {
      closeSync(fd);
      unlinkSync(lockPath);
    }
  }
}

/** A short-lived leaf for `localhost`, `127.0.0.1` and `::1` (plus any extra names), signed by the CA. */
export async function issueLeafCertificate(ca: SandboxCa, extraNames: string[] = []): Promise<{ key: string; cert: string }> {
  const dnsNames = ['localhost', ...extraNames.filter((n) => !/^[\d.:]+$/.test(n) && n !== 'localhost')];
  const ips = ['127.0.0.1', '::1', ...extraNames.filter((n) => /^[\d.:]+$/.test(n) && n !== '127.0.0.1' && n !== '::1')];
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 3600_000),
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    ca: { key: ca.caKeyPem, cert: ca.caCertPem },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return { key: leaf.private, cert: leaf.cert };
}
