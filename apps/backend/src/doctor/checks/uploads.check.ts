import type { BackendConfig } from '@herald/config';
import { type Check, fail, ok, warn } from '../check';
import { describeFailure } from '../describe-failure';
import type { DoctorDeps } from '../doctor-deps';
import { isPrivateHost } from '../private-host';

const FIX_PRIVATE =
  'Set UPLOADS_PUBLIC_URL to an https address the internet can reach (your domain, or a tunnel to the backend), ending in /uploads.';

/**
 * Meta's servers download every image and video themselves from UPLOADS_PUBLIC_URL, so it must be
 * public; X media is uploaded by Herald, which is why an X-only setup may keep it local.
 */
export function uploadsCheck(config: BackendConfig, deps: Pick<DoctorDeps, 'httpGet'>): Check {
  const url = config.uploadsPublicUrl;
  const metaConfigured = config.credentials.facebook !== undefined || config.credentials.instagram !== undefined;
  return {
    name: 'Uploads URL',
    run: async () => {
      if (isPrivateHost(new URL(url).hostname)) {
        return metaConfigured
          ? warn(`${url} is not reachable from the internet, so Instagram and Facebook cannot fetch media from it`, FIX_PRIVATE)
          : ok(`${url} is local, which is fine while only X is configured (Herald uploads X media itself)`);
      }
      try {
        const answer = await deps.httpGet(`${url}/`);
        if (answer.status >= 500) return fail(`${url} answers HTTP ${answer.status}`, 'Make the proxy in front of the backend serve /uploads.');
        return ok(`${url} is public and answers`);
      } catch (error: unknown) {
        const result = metaConfigured ? fail : warn;
        return result(`nothing answers at ${url} (${describeFailure(error)})`, 'Make UPLOADS_PUBLIC_URL point at the backend\'s /uploads through your public domain.');
      }
    },
  };
}
