import type { Random } from "./random.js";

/**
 * - `throttle`: the service's own throttling error and status (Lambda and API Gateway 429
 *   TooManyRequestsException, IAM and STS 400 Throttling, Logs 400 ThrottlingException,
 *   EC2 503 RequestLimitExceeded).
 * - `server-error`: a 500 with the service's internal error code.
 * - `access-denied`: AccessDeniedException 403 (IAM and STS AccessDenied, EC2 UnauthorizedOperation).
 * - `slow`: answer normally after `delayMs`.
 * - `drop`: close the connection without answering.
 */
export type FaultKind = "throttle" | "server-error" | "access-denied" | "slow" | "drop";

export interface FaultRule {
  kind: FaultKind;
  /**
   * Which calls: `service:Operation` (`lambda:GetPolicy`), `service:*`, a bare operation name
   * (`GetPolicy`, every service), or `*`. Default `*`.
   */
  operation?: string;
  /** Only calls signed for this region (IAM is signed for us-east-1). */
  region?: string;
  /** Only calls about a resource (function name or ARN, role name, API id...) matching this. */
  resource?: string | RegExp;
  /** Fraction of matching calls, drawn from the stub's seeded PRNG. Default 1. */
  probability?: number;
  /** `slow`: how long to wait. Default 2000 ms. */
  delayMs?: number;
  /** Inject at most this many times in total. */
  limit?: number;
  /**
   * Never inject into more than this many consecutive attempts of the same call (same operation and
   * resource): models transient throttling that a client with that many retries always gets through.
   */
  maxConsecutive?: number;
}

export interface CallIdentity {
  service: string;
  operation: string;
  region: string;
  resource: string | null;
}

function matchesOperation(pattern: string | undefined, call: CallIdentity): boolean {
  if (pattern === undefined || pattern === "*") return true;
  const colon = pattern.indexOf(":");
  if (colon < 0) return pattern === call.operation;
  const service = pattern.slice(0, colon);
  const operation = pattern.slice(colon + 1);
  return service === call.service && (operation === "*" || operation === call.operation);
}

function matchesResource(pattern: FaultRule["resource"], resource: string | null): boolean {
  if (pattern === undefined) return true;
  if (resource === null) return false;
  if (typeof pattern !== "string") return pattern.test(resource);
  return resource === pattern || resource.endsWith(`:${pattern}`) || resource.endsWith(`/${pattern}`);
}

export class FaultInjector {
  private readonly injected = new Map<FaultRule, number>();
  private readonly consecutive = new Map<string, number>();
  constructor(
    private rules: FaultRule[],
    private readonly random: Random,
  ) {}

  setRules(rules: FaultRule[]): void {
    this.rules = rules;
    this.injected.clear();
    this.consecutive.clear();
  }

  /** The fault to inject into this call, if any. `slow` rules combine with a following fault. */
  decide(call: CallIdentity): { delayMs: number; fault: Exclude<FaultKind, "slow"> | null } {
    let delayMs = 0;
    const callKey = `${call.region}/${call.service}:${call.operation}/${call.resource ?? ""}`;
    for (const rule of this.rules) {
      if (!matchesOperation(rule.operation, call)) continue;
      if (rule.region !== undefined && rule.region !== call.region) continue;
      if (!matchesResource(rule.resource, call.resource)) continue;
      const count = this.injected.get(rule) ?? 0;
      if (rule.limit !== undefined && count >= rule.limit) continue;
      const streakKey = `${this.rules.indexOf(rule)}|${callKey}`;
      const streak = this.consecutive.get(streakKey) ?? 0;
      if (rule.maxConsecutive !== undefined && streak >= rule.maxConsecutive) {
        this.consecutive.set(streakKey, 0);
        continue;
      }
      // Draw only for probabilistic rules, so that adding a certain rule does not shift the sequence.
      const probability = rule.probability ?? 1;
      if (probability < 1 && !this.random.chance(probability)) {
        this.consecutive.set(streakKey, 0);
        continue;
      }
      this.injected.set(rule, count + 1);
      this.consecutive.set(streakKey, streak + 1);
      if (rule.kind === "slow") {
        delayMs += rule.delayMs ?? 2000;
        continue;
      }
      return { delayMs, fault: rule.kind };
    }
    return { delayMs, fault: null };
  }
}
