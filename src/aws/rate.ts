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
  // "The maximum combined rate (requests per second) for all capacity provider read APIs: 15. Cannot be
  // increased. These quotas are separate from AWS Lambda (default) quotas."
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-quotas.html (retrieved 2026-11-30)
  lambdaCapacityProvider: { name: "lambda-capacity-provider", limit: 15, perMs: 1000, scope: "region" },
  iam: { name: "iam", limit: 10, perMs: 1000, scope: "account" },
  apiGateway: { name: "apigateway", limit: 10, perMs: 1000, scope: "account" },
  apiGatewayGetResources: { name: "apigateway-GetResources", limit: 5, perMs: 2000, scope: "account" },
  logs: { name: "logs-DescribeLogGroups", limit: 5, perMs: 1000, scope: "region" },
  ec2: { name: "ec2-describe", limit: 20, perMs: 1000, scope: "region" },
  sts: { name: "sts", limit: 20, perMs: 1000, scope: "region" },
  // AWS publishes no request rate for Organizations (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html,
  // retrieved 2026-11-30) and throttles with TooManyRequestsException: a conservative 5/s per account.
  organizations: { name: "organizations", limit: 5, perMs: 1000, scope: "account" },
  // CloudTrail, GuardDuty and Inspector publish no request rate for these reads in the pages we could
  // retrieve (2026-11-30; CloudTrail's quota page lists resource quotas only). The scan makes a handful
  // per region (O(trails), O(detectors), one status read): a conservative 5/s per region each.
  cloudtrail: { name: "cloudtrail", limit: 5, perMs: 1000, scope: "region" },
  guardduty: { name: "guardduty", limit: 5, perMs: 1000, scope: "region" },
  inspector2: { name: "inspector2", limit: 5, perMs: 1000, scope: "region" },
} as const satisfies Record<string, QuotaSpec>;

export type QuotaKey = keyof typeof DEFAULT_QUOTAS;

/** The quota buckets a `service:Operation` request counts against. */
export function quotasFor(service: string, operation: string): QuotaKey[] {
  switch (service) {
    case "lambda":
      if (operation === "GetFunction") return ["lambdaGetFunction"];
      if (operation === "GetPolicy") return ["lambdaGetPolicy"];
      if (operation === "ListCapacityProviders" || operation === "GetCapacityProvider") return ["lambdaCapacityProvider"];
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
    case "organizations":
      return ["organizations"];
    case "cloudtrail":
      return ["cloudtrail"];
    case "guardduty":
      return ["guardduty"];
    case "inspector2":
      return ["inspector2"];
    default:
      return ["sts"];
  }
}

/**
 * Tokens within this much of a whole token count as one: refill arithmetic in floating point must not
 * leave a request waiting for 1e-13 of a token.
 */
const TOKEN_EPSILON = 1e-9;

/** See TokenBucket: how late a timer may fire without the rate losing it. */
export const DEFAULT_TOLERANCE_MS = 10;

/**
 * A token bucket. A token is taken only when it is there at the moment of taking (`take`), never
 * reserved ahead: a request whose send time was fixed in advance would, after a stall of the process
 * (GC, CPU contention), wake up together with every other sleeper and go at once.
 *
 * The guarantee: no window of length `per` (half-open, sliding) ever holds more than `limit` takes,
 * however late anyone wakes up. The bucket holds at most `burst + tolerance × rate` tokens and
 * refills at `rate = (limit - burst + 1) / (per + tolerance)`. If k tokens are taken at times
 * t1 <= ... <= tk with tk - t1 < per, the bucket held at most burst + tolerance × rate at t1 and
 * gained less than rate × per after it, so k < burst + rate × (per + tolerance) = limit + 1.
 *
 * With the default burst of 1 that is `limit` per `per + tolerance`: the tolerance (a few ms) is a
 * fraction of a token the bucket may carry, so that a timer firing a millisecond late (they always
 * do) is caught up on the next request instead of being lost from the rate; without it, burst 1 at
 * the full rate would lose every timer's lateness (10% and more at 100/s).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  readonly ratePerMs: number;
  readonly burst: number;
  /** Most tokens the bucket holds: `burst` plus the tolerance's fraction of a token. */
  readonly capacity: number;

  constructor(spec: Pick<QuotaSpec, "limit" | "perMs">, clock: Pick<Clock, "now">, burst = 1, toleranceMs = DEFAULT_TOLERANCE_MS) {
    if (!(spec.limit > 0) || !(spec.perMs > 0)) throw new Error(`invalid quota ${spec.limit}/${spec.perMs}ms`);
    if (!(toleranceMs >= 0)) throw new Error(`invalid tolerance ${toleranceMs}ms`);
    this.burst = Math.max(1, Math.min(burst, spec.limit));
    this.ratePerMs = (spec.limit - this.burst + 1) / (spec.perMs + toleranceMs);
    this.capacity = this.burst + toleranceMs * this.ratePerMs;
    this.tokens = this.burst;
    this.updatedAt = clock.now();
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }

  /** Milliseconds from `now` until a token is there (0: there is one now). */
  waitMs(now: number): number {
    this.refill(now);
    const missing = 1 - this.tokens;
    return missing <= TOKEN_EPSILON ? 0 : missing / this.ratePerMs;
  }

  /** Takes the token that `waitMs(now)` said is there. */
  take(now: number): void {
    this.refill(now);
    if (1 - this.tokens > TOKEN_EPSILON) throw new Error("TokenBucket.take: no token available");
    this.tokens = Math.max(0, this.tokens - 1);
  }
}

export interface RateSchedulerOptions {
  clock?: Clock;
  /** Overrides of the default quotas, e.g. to scan more gently than AWS allows. */
  quotas?: Partial<Record<QuotaKey, Partial<Pick<QuotaSpec, "limit" | "perMs">>>>;
  /** Tokens a bucket may hold (default 1; see TokenBucket for why small is safe). */
  burst?: number;
  /** Timer lateness a bucket absorbs (default DEFAULT_TOLERANCE_MS; see TokenBucket). */
  toleranceMs?: number;
}

interface Waiter {
  /** Arrival order: across queues that share a bucket, the earlier request is served first. */
  seq: number;
  buckets: { name: string; bucket: TokenBucket }[];
  since: number;
  /** The bucket that made the request wait last: where its waiting time is counted. */
  binding: string | undefined;
  resolve: () => void;
}

/** A FIFO queue without Array.shift's copying. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    const item = this.items[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * One bucket per quota and scope (account, or account + region); one scheduler per scanned account.
 *
 * Requests queue per set of buckets (FIFO), and a request goes only when every bucket it counts
 * against has a token at that moment. Queues are served from a single timer: whenever it fires (on
 * time or late), the scheduler re-reads the clock, serves what the buckets allow now, in arrival
 * order, and sleeps until the next token is due. A stall therefore costs time, never a burst.
 */
export class RateScheduler {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly queues = new Map<string, Queue<Waiter>>();
  private readonly clock: Clock;
  private readonly quotas: Record<QuotaKey, QuotaSpec>;
  private readonly burst: number;
  private readonly toleranceMs: number;
  private seq = 0;
  /** When the earliest pending timer fires; undefined when none is pending. */
  private wakeAt: number | undefined;
  /** Total time requests waited for tokens, by bucket name: how much pacing the scan needed. */
  readonly waitedMs = new Map<string, number>();

  constructor(options: RateSchedulerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.burst = options.burst ?? 1;
    this.toleranceMs = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
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
      bucket = new TokenBucket(spec, this.clock, this.burst, this.toleranceMs);
      this.buckets.set(id, bucket);
    }
    return { name: id, bucket };
  }

  /** Resolves when the request may be sent: it has taken a token from every bucket it counts against. */
  acquire(service: string, operation: string, region: string): Promise<void> {
    const buckets = quotasFor(service, operation).map((key) => this.bucket(key, region));
    const key = buckets.map((entry) => entry.name).join("+");
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue<Waiter>();
      this.queues.set(key, queue);
    }
    const promise = new Promise<void>((resolve) => {
      (queue as Queue<Waiter>).push({ seq: this.seq++, buckets, since: this.clock.now(), binding: undefined, resolve });
    });
    this.drain();
    return promise;
  }

  /**
   * Lets every queued request go at once, without tokens: for a collection that stops early, whose
   * queued requests must not be sent but must each learn that they will not be (and record a gap).
   */
  releaseAll(): void {
    for (const queue of this.queues.values()) {
      for (let waiter = queue.shift(); waiter; waiter = queue.shift()) waiter.resolve();
    }
  }

  /**
   * Serves, at the clock's current time, every queued request whose buckets all have a token, oldest
   * first, then sleeps until the next token any queue head waits for is due.
   */
  private drain(): void {
    const now = this.clock.now();
    const heads = [...this.queues.values()].filter((queue) => queue.length > 0);
    heads.sort((a, b) => (a.peek() as Waiter).seq - (b.peek() as Waiter).seq);
    let next = Number.POSITIVE_INFINITY;
    for (const queue of heads) {
      for (;;) {
        const waiter = queue.peek();
        if (!waiter) break;
        let wait = 0;
        for (const entry of waiter.buckets) {
          const due = entry.bucket.waitMs(now);
          if (due > wait) {
            wait = due;
            waiter.binding = entry.name;
          }
        }
        if (wait > 0) {
          next = Math.min(next, wait);
          break;
        }
        queue.shift();
        for (const entry of waiter.buckets) {
          entry.bucket.take(now);
        }
        const waited = now - waiter.since;
        if (waited > 0 && waiter.binding) this.waitedMs.set(waiter.binding, (this.waitedMs.get(waiter.binding) ?? 0) + waited);
        waiter.resolve();
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.wakeIn(now, next);
  }

  /** Makes sure `drain` runs again no later than `now + ms` (rounded up to whole milliseconds). */
  private wakeIn(now: number, ms: number): void {
    const delay = Math.max(1, Math.ceil(ms));
    const at = now + delay;
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    void this.clock.sleep(delay).then(() => {
      if (this.wakeAt === at) this.wakeAt = undefined;
      this.drain();
    });
  }
}
