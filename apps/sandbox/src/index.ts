export { startSandbox, resolvePorts, type SandboxHandle } from './sandbox';
export { ensureSandboxCa, type SandboxCa } from './core/ca';
export { type SandboxUrls } from './context';
export {
  DEMO_CREDENTIALS,
  DEFAULT_BEHAVIOUR,
  DEFAULT_GRAPH_VERSION,
  DEFAULT_LIMITS,
  DEFAULT_TIMING,
  demoApps,
  type MetaAppConfig,
  type SandboxApps,
  type SandboxBehaviour,
  type SandboxLimits,
  type SandboxOptions,
  type SandboxTiming,
  type XAppConfig,
} from './options';
export { createPersonas, type Persona, type FacebookPage, type InstagramAccount, type XAccount } from './personas/personas';
export { type FaultAction, type FaultRule, type FaultRuleInput } from './core/faults';
export { type IssuedToken, type Ledger, type LedgerMedia, type PublishedEntry, type RequestLogEntry } from './core/ledger';
export { type SandboxClock } from './core/clock';
export { minimalJpeg, sniffMedia } from './core/media-sniff';
export { SERVICE_IDS, type ServiceId } from './core/http-types';
