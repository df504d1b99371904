import { z } from 'zod';
import { SERVICE_IDS, SERVICE_PLATFORM, type SandboxRequest } from './http-types';

export const FaultActionSchema = z.discriminatedUnion('type', [
  /** 429 (X) or the Graph throttling error, with a reset time. */
  z.object({ type: z.literal('rate-limit'), resetInSec: z.number().int().positive().optional(), code: z.number().int().optional() }).strict(),
  z.object({ type: z.literal('server-error'), status: z.number().int().min(500).max(599).optional() }).strict(),
  /** X: 401 code 89. Graph: code 190 (subcode 460 unless given). */
  z.object({ type: z.literal('token-revoked'), subcode: z.number().int().optional() }).strict(),
  z.object({ type: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }).strict(),
  /** `destroy` resets the connection; `hang` never answers. */
  z.object({ type: z.literal('timeout'), mode: z.enum(['destroy', 'hang']).optional() }).strict(),
]);
export type FaultAction = z.infer<typeof FaultActionSchema>;
export type ErrorFaultAction = Extract<FaultAction, { type: 'rate-limit' | 'server-error' | 'token-revoked' }>;

export const FaultRuleInputSchema = z
  .object({
    label: z.string().max(200).optional(),
    platform: z.enum(['x', 'instagram', 'facebook']).optional(),
    service: z.enum(SERVICE_IDS).optional(),
    method: z.string().min(1).max(10).optional(),
    /** Glob on the path (`*` matches anything, including `/`); Graph paths match with or without `/vXX.X`. */
    path: z.string().min(1).max(500).optional(),
    accountId: z.string().min(1).max(100).optional(),
    /** `before`: nothing is processed. `after`: the request takes effect, then the fault replaces the answer. */
    phase: z.enum(['before', 'after']).optional(),
    action: FaultActionSchema,
    count: z.number().int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();
export type FaultRuleInput = z.infer<typeof FaultRuleInputSchema>;

export interface FaultRule extends FaultRuleInput {
  id: string;
  phase: 'before' | 'after';
  /** Matches left before the rule is spent (null: unlimited). */
  remaining: number | null;
  hits: number;
}

function globToRegex(glob: string): RegExp {
  const source = glob.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`);
}

export class FaultEngine {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultRuleInput): FaultRule {
    const parsed = FaultRuleInputSchema.parse(input);
    const rule: FaultRule = {
      ...parsed,
      id: `fault-${this.nextId++}`,
      phase: parsed.phase ?? 'before',
      remaining: parsed.count ?? null,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * The first live rule that matches and fires. Rules bound to an account are only considered once the
   * handler has identified the account (`accountId` given); unbound rules only before that.
   */
  decide(req: SandboxRequest, accountId: string | undefined): FaultRule | undefined {
    if (req.service === 'admin') return undefined;
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if ((rule.accountId === undefined) !== (accountId === undefined)) continue;
      if (rule.accountId !== undefined && rule.accountId !== accountId) continue;
      if (rule.platform && SERVICE_PLATFORM[req.service] !== rule.platform) continue;
      if (rule.service && req.service !== rule.service) continue;
      if (rule.method && rule.method.toUpperCase() !== req.method) continue;
      if (rule.path) {
        const re = globToRegex(rule.path);
        if (!re.test(req.path) && !re.test(req.rawPath)) continue;
      }
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.hits += 1;
      return rule;
    }
    return undefined;
  }
}
