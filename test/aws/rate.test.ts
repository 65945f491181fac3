import { describe, expect, it } from "vitest";
import { RateScheduler, TokenBucket, quotasFor, type Clock } from "../../src/aws/rate.js";

/** Time only moves when a test moves it (or when a request sleeps): no test depends on timing. */
function manualClock() {
  let now = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

/** Send times if each request is sent as soon as its token is due. */
function sendTimes(scheduler: RateScheduler, clock: Clock, count: number, service: string, operation: string, region: string) {
  return Array.from({ length: count }, () => clock.now() + scheduler.reserve(service, operation, region));
}

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let start = 0; start < sorted.length; start++) {
    let end = start;
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    max = Math.max(max, end - start);
  }
  return max;
}

describe("TokenBucket", () => {
  it("hands out reservations in order and never more than the limit in any window", () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ limit: 15, perMs: 1000 }, clock);
    const waits = Array.from({ length: 45 }, () => bucket.reserve());
    expect(waits[0]).toBe(0);
    for (let index = 1; index < waits.length; index++) expect(waits[index]).toBeGreaterThan(waits[index - 1] as number);
    expect(maxInWindow(waits, 1000)).toBeLessThanOrEqual(15);
    // 45 requests at 14/s after the first: a little over three seconds, not three seconds of throttling errors.
    expect(waits.at(-1)).toBeCloseTo((44 * 1000) / 14, 5);
  });

  it("refills while idle, up to its burst", () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ limit: 10, perMs: 1000 }, clock, 2);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBeGreaterThan(0);
    clock.advance(60_000);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBeGreaterThan(0);
  });
});

describe("RateScheduler", () => {
  it("spends each Lambda quota separately: GetFunction 100/s, GetPolicy 15/s, the rest 15/s together", () => {
    const clock = manualClock();
    const scheduler = new RateScheduler({ clock });
    const getFunction = sendTimes(scheduler, clock, 300, "lambda", "GetFunction", "eu-west-1");
    const getPolicy = sendTimes(scheduler, clock, 45, "lambda", "GetPolicy", "eu-west-1");
    const urls = sendTimes(scheduler, clock, 30, "lambda", "GetFunctionUrlConfig", "eu-west-1");
    const tags = sendTimes(scheduler, clock, 15, "lambda", "ListTags", "eu-west-1");
    expect(maxInWindow(getFunction, 1000)).toBeLessThanOrEqual(100);
    expect(maxInWindow(getFunction, 1000)).toBeGreaterThanOrEqual(99);
    expect(maxInWindow(getPolicy, 1000)).toBeLessThanOrEqual(15);
    // GetFunctionUrlConfig and ListTags share one budget.
    expect(maxInWindow([...urls, ...tags], 1000)).toBeLessThanOrEqual(15);
    expect(Math.max(...urls, ...tags)).toBeGreaterThan(2500);
    // GetPolicy does not queue behind the shared budget.
    expect(getPolicy[0]).toBe(0);
  });

  it("keeps regions apart for Lambda and shares one account budget for IAM and API Gateway", () => {
    const clock = manualClock();
    const scheduler = new RateScheduler({ clock });
    expect(scheduler.reserve("lambda", "GetPolicy", "eu-west-1")).toBe(0);
    expect(scheduler.reserve("lambda", "GetPolicy", "us-east-1")).toBe(0);
    expect(scheduler.reserve("iam", "GetRole", "global")).toBe(0);
    expect(scheduler.reserve("iam", "GetRole", "global")).toBeGreaterThan(0);
    expect(scheduler.reserve("apigateway", "GetStages", "eu-west-1")).toBe(0);
    expect(scheduler.reserve("apigatewayv2", "GetRoutes", "us-east-1")).toBeGreaterThan(0);
  });

  it("holds GetResources to 5 per 2 s within API Gateway's 10/s", () => {
    const clock = manualClock();
    const scheduler = new RateScheduler({ clock });
    expect(quotasFor("apigateway", "GetResources")).toEqual(["apiGateway", "apiGatewayGetResources"]);
    const times = sendTimes(scheduler, clock, 20, "apigateway", "GetResources", "eu-west-1");
    expect(maxInWindow(times, 2000)).toBeLessThanOrEqual(5);
  });

  it("waits for a token through the injected clock and records the pacing", async () => {
    const clock = manualClock();
    const scheduler = new RateScheduler({ clock, quotas: { iam: { limit: 2, perMs: 1000 } } });
    for (let index = 0; index < 5; index++) await scheduler.acquire("iam", "GetRole", "global");
    // burst 1 + 1/s: the 5th request is sent 4 s after the first.
    expect(clock.now()).toBe(4000);
    expect(scheduler.waitedMs.get("iam")).toBeGreaterThan(0);
  });
});
