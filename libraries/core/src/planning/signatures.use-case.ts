import type { SignaturesRepository, SignatureView } from '@herald/database';
import { SIGNATURE_CONTENT_MAX, SIGNATURE_NAME_MAX, type SignatureItem } from '@herald/shared';
import { AppError, type ErrorDetail } from '../common/app-error';
import { isUuid } from '../posts/ids';

function toItem(row: SignatureView): SignatureItem {
  return { id: row.id, name: row.name, content: row.content, default: row.isDefault, createdAt: row.createdAt.toISOString() };
}

function text(value: unknown, field: string, max: number, details: ErrorDetail[]): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '' || trimmed.length > max) {
    details.push({ field, code: field, message: `${field} must be text of 1 to ${max} characters` });
    return undefined;
  }
  return trimmed;
}

/** Signatures: text the composer adds to new posts (the default one) or inserts when asked. */
export class Signatures {
  constructor(
    private readonly repo: SignaturesRepository,
    private readonly now: () => Date,
  ) {}

  async list(organizationId: string): Promise<SignatureItem[]> {
    return (await this.repo.list(organizationId)).map(toItem);
  }

  async create(organizationId: string, input: { name?: unknown; content?: unknown; default?: unknown }): Promise<SignatureItem> {
    const details: ErrorDetail[] = [];
    const name = text(input.name, 'name', SIGNATURE_NAME_MAX, details);
    const content = text(input.content, 'content', SIGNATURE_CONTENT_MAX, details);
    const isDefault = this.flag(input.default, details) ?? false;
    if (!name || !content || details.length > 0) throw AppError.validation('The signature is invalid.', details);
    return toItem(await this.repo.create(organizationId, { name, content, isDefault }));
  }

  async update(organizationId: string, id: string, input: { name?: unknown; content?: unknown; default?: unknown }): Promise<SignatureItem> {
    const details: ErrorDetail[] = [];
    const change: { name?: string; content?: string; isDefault?: boolean } = {};
    if (input.name !== undefined) change.name = text(input.name, 'name', SIGNATURE_NAME_MAX, details);
    if (input.content !== undefined) change.content = text(input.content, 'content', SIGNATURE_CONTENT_MAX, details);
    const isDefault = this.flag(input.default, details);
    if (isDefault !== undefined) change.isDefault = isDefault;
    if (details.length > 0) throw AppError.validation('The signature is invalid.', details);
    const updated = isUuid(id) ? await this.repo.update(organizationId, id, change) : null;
    if (!updated) throw AppError.notFound('Signature');
    return toItem(updated);
  }

  async remove(organizationId: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repo.softDelete(organizationId, id, this.now()))) throw AppError.notFound('Signature');
  }

  private flag(value: unknown, details: ErrorDetail[]): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') details.push({ field: 'default', code: 'default', message: 'default must be true or false' });
    return value === true;
  }
}
