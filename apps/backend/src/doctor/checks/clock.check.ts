import type { BackendConfig } from '@herald/config';
import { type Check, fail, ok, skip, warn } from '../check';
import type { DoctorDeps } from '../doctor-deps';

/** OAuth 1.0a (X) refuses requests whose timestamp is more than about 5 minutes off. */
export const CLOCK_FAIL_MS = 5 * 60_000;
/** Token expiry and scheduling start to drift visibly well before that. */
export const CLOCK_WARN_MS = 30_000;

interface Reference {
  label: string;
  url: string;
}

/** The hosts whose clocks matter: the configured platforms, and the backend when none is. */
export function clockReferences(config: BackendConfig): Reference[] {
  const refs: Reference[] = [];
  const add = (base: string) => refs.push({ label: new URL(base).host, url: `${base}/` });
  if (config.credentials.x) add(config.platformUrls.xApi);
  if (config.credentials.facebook) add(config.platformUrls.facebookGraph);
  if (config.credentials.instagram) add(config.platformUrls.instagramGraph);
  if (refs.length === 0) refs.push({ label: `the backend (${new URL(config.backendPublicUrl).host})`, url: `${config.backendPublicUrl}/health` });
  return refs;
}

interface Measured {
  label: string;
  skewMs: number;
}

async function measure(ref: Reference, deps: Pick<DoctorDeps, 'httpGet' | 'now'>): Promise<Measured | undefined> {
  const sent = deps.now();
  const answer = await deps.httpGet(ref.url).catch(() => undefined);
  const received = deps.now();
  const remote = answer?.date ? Date.parse(answer.date) : Number.NaN;
  if (Number.isNaN(remote)) return undefined;
  // The header has whole seconds and was written somewhere during the round trip: only count what is beyond both.
  const raw = remote - (sent + received) / 2;
  const slack = 1000 + (received - sent) / 2;
  return { label: ref.label, skewMs: Math.sign(raw) * Math.max(0, Math.abs(raw) - slack) };
}

function seconds(ms: number): string {
  return `${Math.round(Math.abs(ms) / 1000)} s`;
}

export function clockCheck(config: BackendConfig, deps: Pick<DoctorDeps, 'httpGet' | 'now'>): Check {
  return {
    name: 'Clock',
    run: async () => {
      const refs = clockReferences(config);
      const measured = (await Promise.all(refs.map((ref) => measure(ref, deps)))).filter((m): m is Measured => m !== undefined);
      if (measured.length === 0) return skip(`not compared: no Date header from ${refs.map((r) => r.label).join(', ')}`);
      const worst = measured.reduce((a, b) => (Math.abs(b.skewMs) > Math.abs(a.skewMs) ? b : a));
      const direction = worst.skewMs > 0 ? 'behind' : 'ahead of';
      const fix = 'Turn on time synchronisation on this server (timedatectl set-ntp true, or chrony/ntpd).';
      if (Math.abs(worst.skewMs) > CLOCK_FAIL_MS) {
        const message = `this server is ${seconds(worst.skewMs)} ${direction} ${worst.label}`;
        return config.credentials.x ? fail(`${message}; X refuses signatures more than 5 minutes off`, fix) : warn(message, fix);
      }
      if (Math.abs(worst.skewMs) > CLOCK_WARN_MS) return warn(`this server is ${seconds(worst.skewMs)} ${direction} ${worst.label}`, fix);
      return ok(`agrees with ${measured.map((m) => m.label).join(', ')}`);
    },
  };
}
