/**
 * AWS control-plane quotas as token buckets (DESIGN section 9). The stub answers a call with the
 * service's own throttling error when any bucket the call draws from is empty; the benchmark uses the
 * same table to compute the floor that these quotas impose on exactly the calls a scan made.
 *
 * Sources (as of 2026):
 * - Lambda: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#api-requests
 *   GetFunction 100/s, GetPolicy 15/s, the rest of the control plane 15/s together, per region.
 * - API Gateway: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 *   10 requests/s per account for the management API; GetResources 5 per 2 seconds.
 * - IAM: unpublished; one shared, global budget (configurable; 10/s by default, the budget the
 *   scanner assumes in src/aws/rate.ts).
 * - CloudWatch Logs: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 *   DescribeLogGroups has a per-account, per-region TPS quota; 10/s is assumed here (configurable).
 * - EC2: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 *   non-mutating actions: bucket of 100, refilled at 20/s, per region.
 */

export interface BucketSpec {
  /** Stable key, e.g. `lambda:GetFunction`; `scope` says what it is per. */
  name: string;
  /** Tokens per second. */
  rate: number;
  /** Bucket size: how many calls may go at once after a pause. */
  burst: number;
  /** `region`: one bucket per region; `account`: one bucket shared by every region. */
  scope: "region" | "account";
}

export interface QuotaSettings {
  lambdaGetFunction: number;
  lambdaGetPolicy: number;
  lambdaControlPlane: number;
  apiGateway: number;
  /** GetResources: 5 per 2 s, i.e. 2.5/s with a burst of 5. */
  apiGatewayGetResources: number;
  iam: number;
  logsDescribeLogGroups: number;
  ec2Describe: number;
  /** Bucket size as seconds of rate (1 = a bucket holds one second's worth). EC2 has its own burst. */
  burstSeconds: number;
}

export const DEFAULT_QUOTAS: QuotaSettings = Object.freeze({
  lambdaGetFunction: 100,
  lambdaGetPolicy: 15,
  lambdaControlPlane: 15,
  apiGateway: 10,
  apiGatewayGetResources: 2.5,
  iam: 10,
  logsDescribeLogGroups: 10,
  ec2Describe: 20,
  burstSeconds: 1,
});

/** The buckets one call draws from (all of them must have a token). Empty: not rate limited here. */
export function bucketsFor(service: string, operation: string, quotas: QuotaSettings = DEFAULT_QUOTAS): BucketSpec[] {
  const burstOf = (rate: number) => Math.max(1, Math.round(rate * quotas.burstSeconds));
  const bucket = (name: string, rate: number, scope: BucketSpec["scope"], burst = burstOf(rate)): BucketSpec => ({
    name,
    rate,
    burst,
    scope,
  });
  switch (service) {
    case "lambda":
      if (operation === "GetFunction") return [bucket("lambda:GetFunction", quotas.lambdaGetFunction, "region")];
      if (operation === "GetPolicy") return [bucket("lambda:GetPolicy", quotas.lambdaGetPolicy, "region")];
      return [bucket("lambda:controlPlane", quotas.lambdaControlPlane, "region")];
    case "apigateway":
    case "apigatewayv2": {
      const shared = bucket("apigateway:management", quotas.apiGateway, "account");
      if (service === "apigateway" && operation === "GetResources") {
        return [shared, bucket("apigateway:GetResources", quotas.apiGatewayGetResources, "account", 5)];
      }
      return [shared];
    }
    case "iam":
      return [bucket("iam:global", quotas.iam, "account")];
    case "logs":
      if (operation === "DescribeLogGroups") {
        return [bucket("logs:DescribeLogGroups", quotas.logsDescribeLogGroups, "region")];
      }
      return [];
    case "ec2":
      return [bucket("ec2:describe", quotas.ec2Describe, "region", 100)];
    default:
      return [];
  }
}

/** A token bucket on an injectable clock (milliseconds), so tests can freeze time. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  constructor(
    readonly spec: BucketSpec,
    private readonly now: () => number,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = now();
  }

  private refill(): void {
    const at = this.now();
    const elapsed = Math.max(0, at - this.updatedAt) / 1000;
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsed * this.spec.rate);
    this.updatedAt = at;
  }

  available(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Calls by region and `service:Operation`; IAM and other global calls are under their signing region. */
export type CallsByRegion = Record<string, Record<string, number>>;

export interface FloorBreakdown {
  /** The floor in seconds: max over (region, regional bucket) and over account buckets. */
  seconds: number;
  /** The bucket (and region, for regional buckets) that sets the floor. */
  bindingBucket: string;
  buckets: { bucket: string; region: string | null; calls: number; rate: number; seconds: number }[];
}

/**
 * The time AWS's quotas impose on exactly these calls: per region and bucket, calls / rate; regions run
 * in parallel, so the regional part is the maximum over regions; account-level buckets (API Gateway,
 * IAM) are shared by every region, so their calls are summed across regions. Bursts are ignored (the
 * floor is slightly pessimistic for small accounts), and so is the order in which calls depend on one
 * another (it is a lower bound).
 */
export function quotaFloor(calls: CallsByRegion, quotas: QuotaSettings = DEFAULT_QUOTAS): FloorBreakdown {
  const totals = new Map<string, { bucket: string; region: string | null; calls: number; rate: number }>();
  for (const [region, operations] of Object.entries(calls)) {
    for (const [id, count] of Object.entries(operations)) {
      const [service = "", operation = ""] = id.split(":");
      for (const spec of bucketsFor(service, operation, quotas)) {
        const bucketRegion = spec.scope === "region" ? region : null;
        const key = `${spec.name}@${bucketRegion ?? "account"}`;
        const entry = totals.get(key) ?? { bucket: spec.name, region: bucketRegion, calls: 0, rate: spec.rate };
        entry.calls += count;
        totals.set(key, entry);
      }
    }
  }
  const buckets = [...totals.values()]
    .map((entry) => ({ ...entry, seconds: entry.calls / entry.rate }))
    .sort((a, b) => b.seconds - a.seconds);
  const top = buckets[0];
  return {
    seconds: top?.seconds ?? 0,
    bindingBucket: top ? `${top.bucket}${top.region ? `@${top.region}` : ""}` : "none",
    buckets,
  };
}
