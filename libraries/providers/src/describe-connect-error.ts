import { ProviderError } from './contracts/provider-error';
import { PROVIDER_METADATA } from './contracts/provider-metadata';

export interface ConnectErrorContext {
  /** The callback URL the provider used: `${FRONTEND_URL}/integrations/social/<identifier>`. */
  callbackUrl: string;
}

const META_DASHBOARD = 'the Meta app dashboard (developers.facebook.com)';

/**
 * One sentence telling the person (or the operator) what to change, chosen by the platform's numeric
 * codes. Falls back to the platform's own message.
 */
export function describeConnectError(error: unknown, context: ConnectErrorContext): string {
  if (!(error instanceof ProviderError)) return 'The connection failed unexpectedly; try again.';
  const env = PROVIDER_METADATA[error.provider].requiredEnv.join(' and ');
  if (error.kind === 'access_denied') return 'The connection was declined on the platform; start again and approve it.';
  if (error.missingPermissions.length > 0) {
    return `The permission${error.missingPermissions.length > 1 ? 's' : ''} ${error.missingPermissions.join(', ')} ${
      error.missingPermissions.length > 1 ? 'were' : 'was'
    } not granted: reconnect and keep every requested permission checked.`;
  }
  const code = error.platform.code;
  if (error.provider === 'x') {
    switch (code ?? 0) {
      case 32:
      case 215:
        return `X rejected the app's key: check ${env} (the API Key and Secret of your X app).`;
      case 415:
        return `X does not accept the callback URL ${context.callbackUrl}: add it exactly to your X app's callback URLs (User authentication settings).`;
      case 416:
        return 'X has suspended this app: check its status in the X developer portal.';
      case 261:
        return 'The X app may only read: set its permissions to "Read and write" in the X developer portal, then reconnect.';
      case 135:
        return "X rejected the request's timestamp: the server clock is off; sync it (NTP).";
      default:
        break;
    }
  } else {
    if (code === 100 && error.platform.subcode === 36008) {
      return `Facebook did not accept the redirect URI: add ${context.callbackUrl} exactly to "Valid OAuth Redirect URIs" in ${META_DASHBOARD}.`;
    }
    if (code === 101) return `Meta does not know this app id: check ${env}.`;
    if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
      return `The app may not use this permission yet: while it is in development mode only people with a role on the app can connect; add them in ${META_DASHBOARD}, or take the app live after App Review.`;
    }
    if (code === 190) return 'The platform no longer accepts this login: reconnect the account.';
  }
  if (error.kind === 'misconfigured') return `The app settings were rejected (${error.platform.message ?? error.message}): check ${env}.`;
  return error.platform.message ?? error.message;
}
