import { type ErrorFaultAction } from './faults';
import { type SandboxReply, type SandboxRequest, type ServiceId } from './http-types';
import { type Router } from './router';

/** One impersonated host: its routes and how it words its errors. */
export interface ServiceDefinition {
  id: ServiceId;
  router: Router;
  /** Adjusts the routed path before matching (the Graph hosts strip `/vXX.X`). */
  prepare?(req: SandboxRequest): void;
  notFound(req: SandboxRequest, kind: 'not-found' | 'method-not-allowed'): SandboxReply;
  faultReply(req: SandboxRequest, action: ErrorFaultAction): SandboxReply;
  internalError(req: SandboxRequest): SandboxReply;
  /** Adds per-response headers (rate-limit usage) once the answer is known. */
  decorate?(req: SandboxRequest, reply: SandboxReply): void;
}

/** Thrown by `req.identify()` when an account-bound fault must stop the request before it takes effect. */
export class FaultInterrupt extends Error {
  constructor(readonly ruleId: string) {
    super(`fault ${ruleId}`);
  }
}
