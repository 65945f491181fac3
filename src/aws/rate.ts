/**
 * Rate-aware scheduling (DESIGN section 9). AWS throttles each control-plane quota separately, per
 * account and region; a scan that fires requests as fast as it can spends its time in throttling
 * errors and back-off. Here every request first takes a token from each quota bucket it counts
 * against, and waits for one when the bucket is empty, so that the quota is spent at its rate and
 * no request is throttled in the first place. The SDK's adaptive retries stay as the safety net.
 *
 * Quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#api-requests
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#api-gateway-control-service-limits-table
 */

/** Injected so that tests drive time; nothing here reads the real clock directly. */
export interface Clock {
  /** Milliseconds, monotonic enough for rate keeping. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface QuotaSpec {
  /** Stable name of the bucket, e.g. `lambda-GetFunction`. */
  name: string;
  /** At most `limit` requests in any window of `perMs` milliseconds. */
  limit: number;
  perMs: number;
  /** `region`: one bucket per region; `account`: one bucket for the whole account (IAM is global). */
  scope: "region" | "account";
}

/**
 * Defaults from DESIGN section 9. IAM publishes no rate: one conservative shared budget. API Gateway
 * is 10/s per account; we keep one bucket per account (not per region) so that a multi-region scan
 * stays under it even where the quota is enforced account-wide. Logs and EC2 get modest budgets.
 */
export const DEFAULT_QUOTAS = {
  lambdaGetFunction: { name: "lambda-GetFunction", limit: 100, perMs: 1000, scope: "region" },
  lambdaGetPolicy: { name: "lambda-GetPolicy", limit: 15, perMs: 1000, scope: "region" },
  lambdaControlPlane: { name: "lambda-control-plane", limit: 15, perMs: 1000, scope: "region" },
  iam: { name: "iam", limit: 10, perMs: 1000, scope: "account" },
  apiGateway: { name: "apigateway", limit: 10, perMs: 1000, scope: "account" },
  apiGatewayGetResources: { name: "apigateway-GetResources", limit: 5, perMs: 2000, scope: "account" },
  logs: { name: "logs-DescribeLogGroups", limit: 5, perMs: 1000, scope: "region" },
  ec2: { name: "ec2-describe", limit: 20, perMs: 1000, scope: "region" },
  sts: { name: "sts", limit: 20, perMs: 1000, scope: "region" },
} as const satisfies Record<string, QuotaSpec>;

export type QuotaKey = keyof typeof DEFAULT_QUOTAS;

/** The quota buckets a `service:Operation` request counts against. */
export function quotasFor(service: string, operation: string): QuotaKey[] {
  switch (service) {
    case "lambda":
      if (operation === "GetFunction") return ["lambdaGetFunction"];
      if (operation === "GetPolicy") return ["lambdaGetPolicy"];
      return ["lambdaControlPlane"];
    case "iam":
      return ["iam"];
    case "apigateway":
      return operation === "GetResources" ? ["apiGateway", "apiGatewayGetResources"] : ["apiGateway"];
    case "apigatewayv2":
      return ["apiGateway"];
    case "logs":
      return ["logs"];
    case "ec2":
      return ["ec2"];
    default:
      return ["sts"];
  }
}

/**
 * A token bucket that hands out reservations: `reserve()` takes a token now, going into debt when
 * the bucket is empty, and answers how long the caller must wait before its token is due. Callers
 * are therefore served in order, with no polling loop and no timer per bucket.
 *
 * With capacity `burst` and refill rate `(limit - burst) / per`, no window of length `per` ever
 * holds more than `limit` requests (burst + rate × per = limit), whether the server counts with a
 * token bucket, a fixed window or a sliding window.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  readonly ratePerMs: number;
  readonly burst: number;

  constructor(
    spec: Pick<QuotaSpec, "limit" | "perMs">,
    private readonly clock: Clock,
    burst = 1,
  ) {
    if (!(spec.limit > 0) || !(spec.perMs > 0)) throw new Error(`invalid quota ${spec.limit}/${spec.perMs}ms`);
    this.burst = Math.max(1, Math.min(burst, spec.limit));
    // A limit of 1 per window cannot keep a burst: then the rate is simply one per window.
    const perWindow = spec.limit > this.burst ? spec.limit - this.burst : spec.limit;
    this.ratePerMs = perWindow / spec.perMs;
    this.tokens = this.burst;
    this.updatedAt = clock.now();
  }

  /** Takes a token; returns the milliseconds to wait before using it (0: go now). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.ratePerMs);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : -this.tokens / this.ratePerMs;
  }
}

export interface RateSchedulerOptions {
  clock?: Clock;
  /** Overrides of the default quotas, e.g. to scan more gently than AWS allows. */
  quotas?: Partial<Record<QuotaKey, Partial<Pick<QuotaSpec, "limit" | "perMs">>>>;
  /** Tokens a bucket may hold (default 1; see TokenBucket for why small is safe). */
  burst?: number;
}

/** One bucket per quota and scope (account, or account + region); one scheduler per scanned account. */
export class RateScheduler {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly clock: Clock;
  private readonly quotas: Record<QuotaKey, QuotaSpec>;
  private readonly burst: number;
  /** Total time requests waited for tokens, by bucket name: how much pacing the scan needed. */
  readonly waitedMs = new Map<string, number>();

  constructor(options: RateSchedulerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.burst = options.burst ?? 1;
    const quotas = { ...DEFAULT_QUOTAS } as Record<QuotaKey, QuotaSpec>;
    for (const [key, override] of Object.entries(options.quotas ?? {}) as [QuotaKey, Partial<QuotaSpec>][]) {
      quotas[key] = { ...quotas[key], ...override };
    }
    this.quotas = quotas;
  }

  private bucket(key: QuotaKey, region: string): { name: string; bucket: TokenBucket } {
    const spec = this.quotas[key];
    const id = spec.scope === "account" ? spec.name : `${spec.name}@${region}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(spec, this.clock, this.burst);
      this.buckets.set(id, bucket);
    }
    return { name: id, bucket };
  }

  /** Milliseconds a request must wait: it takes a token from every bucket it counts against now. */
  reserve(service: string, operation: string, region: string): number {
    let wait = 0;
    for (const key of quotasFor(service, operation)) {
      const { name, bucket } = this.bucket(key, region);
      const due = bucket.reserve();
      if (due > 0) this.waitedMs.set(name, (this.waitedMs.get(name) ?? 0) + due);
      wait = Math.max(wait, due);
    }
    return wait;
  }

  /** Resolves when the request may be sent without exceeding any of its quotas. */
  async acquire(service: string, operation: string, region: string): Promise<void> {
    const wait = this.reserve(service, operation, region);
    if (wait > 0) await this.clock.sleep(wait);
  }
}
