import { type SandboxContext } from '../context';
import { renderErrorPage } from '../core/consent-page';
import { htmlReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { type ConsentHost, decideConsent, showConsent } from '../graph/graph-consent';

export const FACEBOOK_SCOPES = [
  'public_profile', 'email', 'pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'pages_manage_metadata',
  'pages_read_user_content', 'pages_manage_engagement', 'business_management', 'instagram_basic', 'instagram_content_publish',
  'instagram_manage_comments', 'instagram_manage_insights', 'instagram_manage_messages', 'read_insights', 'ads_management', 'ads_read',
  'publish_video', 'pages_messaging',
];

function blocked(title: string, message: string): SandboxReply {
  return htmlReply(400, renderErrorPage('Facebook', title, message));
}

export function facebookConsentHost(ctx: SandboxContext): ConsentHost {
  return {
    host: 'facebook',
    platformName: 'Facebook',
    apps: () => ctx.apps.facebook,
    knownScopes: FACEBOOK_SCOPES,
    implicitScopes: ['public_profile'],
    codeTtlMs: () => ctx.timing.fbCodeTtlMs,
    fragment: '#_=_',
    withPages: true,
    invalidClient: () => blocked('Invalid App ID', 'The provided app ID does not look like a valid app ID.'),
    invalidRedirect: () =>
      blocked(
        'URL blocked',
        "This redirect failed because the redirect URI is not white-listed in the app's client OAuth settings. Make sure that the client and web OAuth logins are on and add all your app domains as valid OAuth redirect URIs.",
      ),
    invalidScope: (scopes) => blocked('Invalid Scopes', `Invalid Scopes: ${scopes.join(', ')}. This message is only shown to developers.`),
    personaLabel: (p) => `${p.label} (manages ${p.facebook.pages.length} Page${p.facebook.pages.length === 1 ? '' : 's'})`,
  };
}

/** www.facebook.com/vXX.X/dialog/oauth (and without a version). */
export function registerFacebookDialogRoutes(router: Router, ctx: SandboxContext): void {
  const cfg = facebookConsentHost(ctx);
  const versionOk = (req: SandboxRequest, version: string | undefined): boolean => version === undefined || /^v\d+\.\d+$/.test(version) || req.path === '';
  router.get('/dialog/oauth', (req) => showConsent(ctx, cfg, req));
  router.post('/dialog/oauth', (req) => decideConsent(ctx, cfg, req));
  router.get('/:version/dialog/oauth', (req, params) => (versionOk(req, params.version) ? showConsent(ctx, cfg, req) : blocked('Page not found', 'Unknown version.')));
  router.post('/:version/dialog/oauth', (req, params) => (versionOk(req, params.version) ? decideConsent(ctx, cfg, req) : blocked('Page not found', 'Unknown version.')));
}
