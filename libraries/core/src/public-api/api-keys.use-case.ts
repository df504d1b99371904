import { generateApiKey, hashApiKey } from '@herald/crypto';
import type { ApiKeyOwner, ApiKeysRepository } from '@herald/database';
import { AppError } from '../common/app-error';
import { PublicApiError } from './public-api-error';

export interface ApiKeyView {
  prefix: string;
  createdAt: string;
}

export interface ApiKeysDeps {
  keys: ApiKeysRepository;
  now: () => Date;
}

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Reads the credential of an `Authorization` header: the raw key (Postiz's way) or `Bearer <key>`.
 * `pos_…` values are Postiz OAuth-app tokens, which Herald does not issue.
 */
export function credentialOf(header: string | undefined): { kind: 'none' } | { kind: 'oauth' } | { kind: 'key'; key: string } {
  const value = (header ?? '').trim();
  if (value === '' || /^bearer$/i.test(value)) return { kind: 'none' };
  const key = /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '').trim() : value;
  if (key === '') return { kind: 'none' };
  if (key.startsWith('pos_')) return { kind: 'oauth' };
  return { kind: 'key', key };
}

/** The organization API key: created or rotated by an owner or admin, shown once, stored as a hash. */
export class ApiKeys {
  constructor(private readonly deps: ApiKeysDeps) {}

  async current(organizationId: string): Promise<ApiKeyView> {
    const row = await this.deps.keys.findByOrganization(organizationId);
    if (!row) throw AppError.notFound('The API key');
    return { prefix: row.prefix, createdAt: row.createdAt.toISOString() };
  }

  /** A new key replaces the old one at once; the whole key is only in this answer. */
  async rotate(organizationId: string): Promise<ApiKeyView & { apiKey: string }> {
    const generated = generateApiKey();
    const row = await this.deps.keys.rotate(organizationId, { prefix: generated.prefix, hash: generated.hash }, this.deps.now());
    return { apiKey: generated.key, prefix: row.prefix, createdAt: row.createdAt.toISOString() };
  }

  /** The key's owner, or the family-A 401 that Postiz clients expect. */
  async authenticate(header: string | undefined): Promise<ApiKeyOwner> {
    const credential = credentialOf(header);
    if (credential.kind === 'none') throw PublicApiError.msg(401, 'No API Key found');
    if (credential.kind === 'oauth') throw PublicApiError.msg(401, 'Invalid OAuth token');
    const owner = await this.deps.keys.findOwnerByHash(hashApiKey(credential.key));
    if (!owner) throw PublicApiError.msg(401, 'Invalid API key');
    await this.deps.keys.touch(owner.id, this.deps.now(), TOUCH_INTERVAL_MS);
    return owner;
  }
}
