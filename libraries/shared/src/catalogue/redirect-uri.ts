/**
 * The OAuth redirect (callback) URI of a platform: `${FRONTEND_URL}/integrations/social/<identifier>`. The one place it
 * is built: the providers send it to the platform, core names it in connect errors, the API and doctor show it to the
 * person who registers it in the platform's app settings, and the dashboard shows it when the API has not said.
 */
export function channelRedirectUri(frontendUrl: string, identifier: string): string {
  return `${frontendUrl.replace(/\/+$/, '')}/integrations/social/${identifier}`;
}
