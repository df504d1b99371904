import type { CredentialsCheck, CredentialsProblem } from '@herald/providers';
import { channelRedirectUri } from '@herald/shared';
import { type CheckResult, fail, ok, skip } from './check';

/** One line per platform app: the Facebook app serves both Facebook Pages and Instagram via Facebook. */
export type PlatformApp = 'x' | 'facebook' | 'instagram-standalone';

export interface AppContext {
  frontendUrl: string;
  backendPublicUrl: string;
  /** The platform host the check called (X_API_URL, FACEBOOK_GRAPH_URL, …). */
  apiUrl: string;
  /** Public (not a secret); shown so the person can tell which app is meant. */
  appId?: string;
}

const REDIRECT_PROVIDERS: Readonly<Record<PlatformApp, readonly string[]>> = {
  x: ['x'],
  facebook: ['facebook', 'instagram'],
  'instagram-standalone': ['instagram-standalone'],
};

export function redirectUris(app: PlatformApp, frontendUrl: string): string[] {
  return REDIRECT_PROVIDERS[app].map((id) => channelRedirectUri(frontendUrl, id));
}

/** What to register in the Meta dashboard; Meta offers no API to read these back, so doctor can only show them. */
export function metaAppSettings(app: PlatformApp, ctx: AppContext): string[] {
  return [
    `Valid OAuth Redirect URIs: ${redirectUris(app, ctx.frontendUrl).join('  ')}`,
    `Deauthorize callback URL: ${ctx.backendPublicUrl}/integrations/meta/deauthorize`,
    `Data deletion request URL: ${ctx.backendPublicUrl}/integrations/meta/data-deletion`,
  ];
}

function xFailure(problem: CredentialsProblem, message: string, ctx: AppContext): CheckResult {
  const callback = redirectUris('x', ctx.frontendUrl)[0] ?? '';
  switch (problem) {
    case 'invalid_credentials':
    case 'invalid_client_id':
    case 'invalid_client_secret':
      return fail(
        'X rejected the API key (code 32)',
        'Copy the API Key and API Key Secret again from the X developer portal → your app → Keys and tokens into X_API_KEY and X_API_SECRET (no quotes or spaces).',
      );
    case 'callback_not_approved': {
      const frontend = new URL(ctx.frontendUrl);
      if (frontend.hostname === 'localhost') {
        const loopback = `${frontend.protocol}//127.0.0.1${frontend.port ? `:${frontend.port}` : ''}`;
        return fail(
          `X does not have ${callback} as a callback URL (code 415)`,
          `X refuses localhost callbacks: set FRONTEND_URL=${loopback} and add ${loopback}/integrations/social/x under User authentication settings → Callback URI.`,
        );
      }
      return fail(
        `X does not have ${callback} as a callback URL (code 415)`,
        'Add it exactly (same scheme and port, no trailing slash) under your X app → User authentication settings → Callback URI / Redirect URL.',
      );
    }
    case 'app_suspended':
      return fail('X has suspended this app (code 416)', 'Open the app in the X developer portal to see why, or create a new app and use its keys.');
    case 'unreachable':
      return fail(`could not reach X at ${ctx.apiUrl} (${message})`, "Check this server's internet access (proxy, firewall, DNS) or X_API_URL.");
    case 'unexpected':
      return fail(`X answered unexpectedly: ${message}`, 'Run doctor again in a minute; if it persists, regenerate the keys in the X developer portal → Keys and tokens.');
  }
}

interface MetaWording {
  platform: string;
  idVar: string;
  secretVar: string;
  /** Where the id and the secret are shown in the Meta dashboard. */
  where: string;
}

const META_WORDING: Readonly<Record<'facebook' | 'instagram-standalone', MetaWording>> = {
  facebook: { platform: 'Meta', idVar: 'FACEBOOK_APP_ID', secretVar: 'FACEBOOK_APP_SECRET', where: 'App settings → Basic' },
  'instagram-standalone': {
    platform: 'Instagram',
    idVar: 'INSTAGRAM_APP_ID',
    secretVar: 'INSTAGRAM_APP_SECRET',
    where: 'Instagram → API setup with Instagram login (the Instagram app id, not the Facebook one)',
  },
};

function metaFailure(app: 'facebook' | 'instagram-standalone', problem: CredentialsProblem, message: string, ctx: AppContext): CheckResult {
  const w = META_WORDING[app];
  const dashboard = `developers.facebook.com → your app → ${w.where}`;
  switch (problem) {
    case 'invalid_client_id':
      return fail(`${w.platform} does not know app id ${ctx.appId ?? ''} (code 101)`, `Copy the app id from ${dashboard} into ${w.idVar}.`);
    case 'invalid_client_secret':
      return fail(
        `${w.platform} rejected the app secret of app ${ctx.appId ?? ''}`,
        `Copy the app secret (${dashboard} → Show) into ${w.secretVar}; a secret reset there replaces the old one at once.`,
      );
    case 'invalid_credentials':
      return fail(`${w.platform} rejected the app id or secret`, `Copy both again from ${dashboard} into ${w.idVar} and ${w.secretVar}.`);
    case 'callback_not_approved':
      return fail(`${w.platform} refused the redirect URI`, `Add ${redirectUris(app, ctx.frontendUrl).join(' and ')} to the app's Valid OAuth Redirect URIs.`);
    case 'app_suspended':
      return fail(`${w.platform} has restricted this app`, 'Open the app in developers.facebook.com to read why and what to do.');
    case 'unreachable':
      return fail(`could not reach ${w.platform} at ${ctx.apiUrl} (${message})`, "Check this server's internet access (proxy, firewall, DNS) or the platform URL variables.");
    case 'unexpected':
      return fail(`${w.platform} answered unexpectedly: ${message}`, 'Run doctor again in a minute; if it persists, open the app in developers.facebook.com and look for warnings.');
  }
}

/** Turns a provider's `checkCredentials()` answer into one doctor line with a concrete fix. */
export function describeCredentials(app: PlatformApp, check: CredentialsCheck, ctx: AppContext): CheckResult {
  const idLabel = ctx.appId ? `app ${ctx.appId}: ` : '';
  if (app === 'x') {
    if (check.status === 'ok') return ok(`API key accepted, and X approves the callback ${redirectUris('x', ctx.frontendUrl)[0] ?? ''}`);
    if (check.status === 'skipped') return skip(check.message);
    return xFailure(check.problem, check.message, ctx);
  }
  const settings = metaAppSettings(app, ctx);
  if (check.status === 'ok') return ok(`${idLabel}id and secret accepted; register these in the app (doctor cannot read them back):`, settings);
  if (check.status === 'skipped') {
    return skip(`${idLabel}not checkable without someone signing in; connecting an account tests the id and secret`, settings);
  }
  return metaFailure(app, check.problem, check.message, ctx);
}
