import { type SandboxHandle } from '../sandbox';
import { formBody, httpsRequest, type HttpResult } from './http-client';
import { oauth1Header } from './oauth1-client';
import { FB_APP, FRONTEND, IG_APP, X_APP } from './test-sandbox';

export interface XCredentials {
  token: string;
  secret: string;
  userId: string;
  screenName: string;
}

export async function xRequestToken(sb: SandboxHandle, callback = X_APP.callbackUrls[0] ?? ''): Promise<HttpResult> {
  const url = `${sb.urls.X_API_URL}/oauth/request_token`;
  const bodyParams: Array<[string, string]> = [['oauth_callback', callback], ['x_auth_access_type', 'write']];
  const authorization = oauth1Header({ method: 'POST', url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, bodyParams });
  const form = formBody(bodyParams);
  return httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...form.headers, authorization }, body: form.body });
}

/** Approves on the consent page the way a browser form would, returning the redirect Location. */
export async function xApprove(sb: SandboxHandle, requestToken: string, persona = 'alice', extra: Array<[string, string]> = []): Promise<HttpResult> {
  const page = await httpsRequest(`${sb.urls.X_API_URL}/oauth/authenticate?oauth_token=${requestToken}`, sb.caCertPem);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const form = formBody([['oauth_token', requestToken], ['persona', persona], ['decision', 'approve'], ...extra]);
  return httpsRequest(`${sb.urls.X_API_URL}/oauth/authenticate`, sb.caCertPem, { method: 'POST', ...form });
}

export async function xAccessToken(sb: SandboxHandle, requestToken: string, requestSecret: string, verifier: string): Promise<HttpResult> {
  const url = `${sb.urls.X_API_URL}/oauth/access_token`;
  const bodyParams: Array<[string, string]> = [['oauth_token', requestToken], ['oauth_verifier', verifier]];
  const authorization = oauth1Header({ method: 'POST', url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, token: requestToken, tokenSecret: requestSecret, bodyParams });
  const form = formBody(bodyParams);
  return httpsRequest(url, sb.caCertPem, { method: 'POST', headers: { ...form.headers, authorization }, body: form.body });
}

export async function xConnect(sb: SandboxHandle, persona = 'alice', extra: Array<[string, string]> = []): Promise<XCredentials> {
  const rt = new URLSearchParams((await xRequestToken(sb)).text);
  const approved = await xApprove(sb, rt.get('oauth_token') ?? '', persona, extra);
  const location = new URL(approved.headers.location ?? '');
  const at = new URLSearchParams((await xAccessToken(sb, rt.get('oauth_token') ?? '', rt.get('oauth_token_secret') ?? '', location.searchParams.get('oauth_verifier') ?? '')).text);
  return { token: at.get('oauth_token') ?? '', secret: at.get('oauth_token_secret') ?? '', userId: at.get('user_id') ?? '', screenName: at.get('screen_name') ?? '' };
}

/** A signed user-context call; JSON bodies are not part of the signature. */
export function xCall(sb: SandboxHandle, creds: XCredentials, method: string, path: string, json?: unknown, base = sb.urls.X_API_URL): Promise<HttpResult> {
  const url = `${base}${path}`;
  const authorization = oauth1Header({ method, url, consumerKey: X_APP.consumerKey, consumerSecret: X_APP.consumerSecret, token: creds.token, tokenSecret: creds.secret });
  const headers: Record<string, string> = { authorization };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return httpsRequest(url, sb.caCertPem, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

export const IG_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_comments'];
export const IG_REDIRECT = IG_APP.redirectUris[0] ?? '';
export const FB_REDIRECT = FB_APP.redirectUris[0] ?? '';
export const FB_SCOPES = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'pages_manage_engagement', 'business_management', 'instagram_basic', 'instagram_content_publish', 'instagram_manage_comments'];

/** Opens a Meta consent page and posts the form; `form` overrides the defaults (persona, decision). */
export async function metaConsent(sb: SandboxHandle, authorizeUrl: string, form: Array<[string, string]>): Promise<HttpResult> {
  const page = await httpsRequest(authorizeUrl, sb.caCertPem);
  if (page.status !== 200) return page;
  const consent = /name="consent" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const action = new URL(authorizeUrl).pathname;
  const body = formBody([['consent', consent], ...form]);
  return httpsRequest(`${new URL(authorizeUrl).origin}${action}`, sb.caCertPem, { method: 'POST', ...body });
}

export function igAuthorizeUrl(sb: SandboxHandle, opts: { redirectUri?: string; scopes?: string[]; state?: string } = {}): string {
  const q = new URLSearchParams({ client_id: IG_APP.appId, redirect_uri: opts.redirectUri ?? IG_REDIRECT, response_type: 'code', scope: (opts.scopes ?? IG_SCOPES).join(','), state: opts.state ?? 'st-123', enable_fb_login: '0' });
  return `${sb.urls.INSTAGRAM_AUTHORIZE_URL}/oauth/authorize?${q.toString()}`;
}

export function codeFrom(location: string | undefined): string {
  return new URL(location ?? '').searchParams.get('code') ?? '';
}

export async function igExchange(sb: SandboxHandle, code: string, redirectUri = IG_REDIRECT): Promise<HttpResult> {
  const form = formBody({ client_id: IG_APP.appId, client_secret: IG_APP.appSecret, grant_type: 'authorization_code', redirect_uri: redirectUri, code });
  return httpsRequest(`${sb.urls.INSTAGRAM_API_URL}/oauth/access_token`, sb.caCertPem, { method: 'POST', ...form });
}

export async function igConnect(sb: SandboxHandle, persona = 'alice', scopes = IG_SCOPES): Promise<{ token: string; userId: string }> {
  const approved = await metaConsent(sb, igAuthorizeUrl(sb, { scopes }), [['persona', persona], ['decision', 'approve']]);
  const res = (await igExchange(sb, codeFrom(approved.headers.location))).json() as { data: Array<{ access_token: string; user_id: string }> };
  return { token: res.data[0]?.access_token ?? '', userId: res.data[0]?.user_id ?? '' };
}

export function fbDialogUrl(sb: SandboxHandle, opts: { redirectUri?: string; scopes?: string[] } = {}): string {
  const q = new URLSearchParams({ client_id: FB_APP.appId, redirect_uri: opts.redirectUri ?? FB_REDIRECT, state: 'fb-state', response_type: 'code', scope: (opts.scopes ?? FB_SCOPES).join(',') });
  return `${sb.urls.FACEBOOK_URL}/${sb.urls.FACEBOOK_GRAPH_VERSION}/dialog/oauth?${q.toString()}`;
}

export function graph(sb: SandboxHandle, host: 'ig' | 'fb', method: string, path: string, params: Record<string, string> = {}): Promise<HttpResult> {
  const base = host === 'ig' ? sb.urls.INSTAGRAM_GRAPH_URL : sb.urls.FACEBOOK_GRAPH_URL;
  const url = `${base}/${sb.urls.FACEBOOK_GRAPH_VERSION}${path}`;
  if (method === 'GET' || method === 'DELETE') return httpsRequest(`${url}?${new URLSearchParams(params).toString()}`, sb.caCertPem, { method });
  return httpsRequest(url, sb.caCertPem, { method, ...formBody(params) });
}

export async function fbConnect(sb: SandboxHandle, persona = 'alice', form: Array<[string, string]> = [], scopes = FB_SCOPES): Promise<string> {
  const approved = await metaConsent(sb, fbDialogUrl(sb, { scopes }), [['persona', persona], ['decision', 'approve'], ...form]);
  const code = codeFrom(approved.headers.location);
  const res = await graph(sb, 'fb', 'GET', '/oauth/access_token', { client_id: FB_APP.appId, client_secret: FB_APP.appSecret, redirect_uri: FB_REDIRECT, code });
  return (res.json() as { access_token: string }).access_token;
}

export { FRONTEND };
