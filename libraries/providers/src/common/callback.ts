import { ProviderError } from '../contracts/provider-error';
import type { ProviderIdentifier } from '../contracts/provider.types';

/** `?error=access_denied&error_reason=user_denied…` (Meta) or `?denied=<token>` (X) means the person declined. */
export function callbackError(
  provider: ProviderIdentifier,
  query: Readonly<Record<string, string | undefined>>,
): ProviderError | undefined {
  if (query.denied !== undefined) {
    return new ProviderError('access_denied', provider, 'The authorization was declined on X');
  }
  if (query.error === undefined) return undefined;
  const message = query.error_description ?? query.error_reason ?? query.error;
  const kind = query.error === 'access_denied' ? 'access_denied' : 'platform_error';
  return new ProviderError(kind, provider, message, {
    platform: { type: query.error, message, code: query.error_code === undefined ? undefined : Number(query.error_code) },
  });
}
