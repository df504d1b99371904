// Shared reading of the deployment files for the specs in this folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export const ROOT = path.resolve(__dirname, '../..');

export const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

export interface HealthCheck {
  test: string[] | string;
  interval?: string;
  start_period?: string;
}

export interface DependsOn {
  condition: string;
  required?: boolean;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  command?: string[];
  working_dir?: string;
  restart?: string;
  init?: boolean;
  profiles?: string[];
  env_file?: { path: string; required?: boolean }[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, DependsOn>;
  healthcheck?: HealthCheck;
  stop_grace_period?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** docker-compose.yml as Compose sees it: YAML merge keys (`<<: *app`) resolved, nothing interpolated. */
export function loadCompose(): { raw: string; compose: ComposeFile; errors: string[] } {
  const raw = read('docker-compose.yml');
  const doc = parseDocument(raw, { merge: true });
  return { raw, compose: doc.toJS({ maxAliasCount: 1000 }) as ComposeFile, errors: doc.errors.map((e) => e.message) };
}

/** Variables named in .env.example, set (`X=`) or shown commented out (`# X=`). */
export function envExampleVariables(): Set<string> {
  const names = [...read('.env.example').matchAll(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
  return new Set(names);
}

/** Seconds in a Compose duration such as `40s`, `1m30s`. */
export function durationSeconds(value: string): number {
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms|us)/g)) {
    const factor = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 }[unit ?? 's'] ?? 1;
    total += Number(n) * factor;
  }
  return total;
}
