import { describe, expect, it } from "vitest";
import { RateScheduler, TokenBucket, quotasFor, type Clock } from "../../src/aws/rate.js";

/** Lets every pending promise continuation run (setImmediate comes after the microtask queue). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Virtual time with real timers semantics: `sleep` registers a timer, and time only moves when the
 * test moves it. `lateBy` makes timers fire late (as real ones do); `stall` moves time on without
 * firing anything, like a process that did not run (GC, CPU contention): the overdue timers all fire
 * when it runs again.
 */
function virtualClock(lateBy: (timer: number) => number = () => 0) {
  let now = 0;
  let count = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  const clock = {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const seq = count++;
        timers.push({ at: now + ms + lateBy(seq), seq, resolve });
      }),
    /** Fires, in order, every timer due up to `until`, letting each one's continuations run. */
    async runUntil(until: number) {
      for (;;) {
        await settle();
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const timer = timers[0];
        if (!timer || timer.at > until) break;
        timers.shift();
        now = Math.max(now, timer.at);
        timer.resolve();
      }
      now = Math.max(now, until);
      await settle();
    },
    stall(ms: number) {
      now += ms;
    },
    pending: () => timers.length,
  } satisfies Clock & Record<string, unknown>;
  return clock;
}

/** Starts `count` requests now; the returned array fills with the time each one is let go. */
function start(scheduler: RateScheduler, clock: Clock, count: number, service: string, operation: string, region = "eu-west-1") {
  const sent: number[] = [];
  for (let index = 0; index < count; index++) {
    void scheduler.acquire(service, operation, region).then(() => sent.push(clock.now()));
  }
  return sent;
}

/** The most requests in any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let end = 0;
  for (let begin = 0; begin < sorted.length; begin++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[begin] as number) + windowMs) end++;
    max = Math.max(max, end - begin);
  }
  return max;
}

describe("TokenBucket", () => {
  it("has a token only when one has refilled, and carries no more than burst plus the tolerance", () => {
    let now = 0;
    const bucket = new TokenBucket({ limit: 15, perMs: 1000 }, { now: () => now }, 1, 10);
    expect(bucket.waitMs(now)).toBe(0);
    bucket.take(now);
    expect(bucket.waitMs(now)).toBeCloseTo(1010 / 15, 6);
    expect(() => bucket.take(now)).toThrow(/no token/);
    now = 60_000;
    expect(bucket.capacity).toBeCloseTo(1 + 150 / 1010, 9);
    bucket.take(now);
    expect(bucket.waitMs(now)).toBeGreaterThan(0);
  });

  it("keeps a burst within the limit: burst b refills at (limit - b + 1) / (per + tolerance)", () => {
    const bucket = new TokenBucket({ limit: 10, perMs: 1000 }, { now: () => 0 }, 3, 0);
    expect(bucket.ratePerMs).toBeCloseTo(8 / 1000, 12);
    // A limit of 1 per window: one per window, never two.
    expect(new TokenBucket({ limit: 1, perMs: 1000 }, { now: () => 0 }, 5, 0).ratePerMs).toBeCloseTo(1 / 1000, 12);
  });
});

describe("RateScheduler", () => {
  it("spends each Lambda quota separately at its full rate: GetFunction 100/s, GetPolicy 15/s, the rest 15/s together", async () => {
    const clock = virtualClock();
    const scheduler = new RateScheduler({ clock });
    const getFunction = start(scheduler, clock, 300, "lambda", "GetFunction");
    const getPolicy = start(scheduler, clock, 45, "lambda", "GetPolicy");
    const urls = start(scheduler, clock, 30, "lambda", "GetFunctionUrlConfig");
    const tags = start(scheduler, clock, 15, "lambda", "ListTags");
    await clock.runUntil(10_000);
    expect([getFunction.length, getPolicy.length, urls.length, tags.length]).toEqual([300, 45, 30, 15]);
    expect(maxInWindow(getFunction, 1000)).toBe(100);
    expect(maxInWindow(getPolicy, 1000)).toBe(15);
    // GetFunctionUrlConfig and ListTags share one budget.
    expect(maxInWindow([...urls, ...tags], 1000)).toBe(15);
    // GetPolicy does not queue behind the shared budget.
    expect(getPolicy[0]).toBe(0);
    // The full rate, less the tolerance: 45 requests of one budget in (44 / 15) s + 1%.
    expect(Math.max(...urls, ...tags)).toBeGreaterThan(2900);
    expect(Math.max(...urls, ...tags)).toBeLessThan(3000);
    expect(Math.max(...getFunction)).toBeLessThan(3050);
  });

  it("never lets a window exceed the limit after a stall, however long, nor when timers fire late", async () => {
    for (const stallMs of [30, 700, 5_000, 60_000]) {
      // Timers fire 0 to 40 ms late, deterministically.
      const clock = virtualClock((timer) => (timer * 7919) % 41);
      const scheduler = new RateScheduler({ clock });
      const sent = start(scheduler, clock, 200, "lambda", "GetFunctionUrlConfig");
      const policies = start(scheduler, clock, 200, "lambda", "GetPolicy");
      await clock.runUntil(1_500);
      const before = sent.length;
      expect(before).toBeGreaterThan(15);
      // The process does not run for stallMs while 150-odd requests wait for their tokens.
      clock.stall(stallMs);
      await clock.runUntil(clock.now());
      // On waking, one request goes (the bucket held at most one token), not every overdue sleeper.
      expect(sent.length - before).toBeLessThanOrEqual(1);
      await clock.runUntil(clock.now() + 30_000);
      expect(sent).toHaveLength(200);
      expect(policies).toHaveLength(200);
      expect(maxInWindow(sent, 1000), `stall of ${stallMs} ms`).toBeLessThanOrEqual(15);
      expect(maxInWindow(policies, 1000), `stall of ${stallMs} ms`).toBeLessThanOrEqual(15);
      // Nothing left sleeping once every request has gone.
      await clock.runUntil(clock.now() + 10_000);
      expect(clock.pending()).toBe(0);
    }
  });

  it("loses no rate to timers that fire late by less than the tolerance", async () => {
    // Every timer 0 to 9 ms late: the bucket carries the difference to the next request.
    const clock = virtualClock((timer) => (timer * 7919) % 10);
    const scheduler = new RateScheduler({ clock });
    const sent = start(scheduler, clock, 151, "lambda", "GetFunctionUrlConfig");
    await clock.runUntil(20_000);
    expect(sent).toHaveLength(151);
    expect(maxInWindow(sent, 1000)).toBe(15);
    // 150 intervals of 1010/15 ms (the full rate, less the 10 ms tolerance), plus one timer's lateness.
    expect(Math.max(...sent)).toBeLessThanOrEqual(10_100 + 10);
  });

  it("keeps regions apart for Lambda and shares one account budget for IAM and API Gateway", async () => {
    const clock = virtualClock();
    const scheduler = new RateScheduler({ clock });
    const eu = start(scheduler, clock, 1, "lambda", "GetPolicy", "eu-west-1");
    const us = start(scheduler, clock, 1, "lambda", "GetPolicy", "us-east-1");
    const iam = start(scheduler, clock, 2, "iam", "GetRole", "global");
    const rest = start(scheduler, clock, 1, "apigateway", "GetStages", "eu-west-1");
    const http = start(scheduler, clock, 1, "apigatewayv2", "GetRoutes", "us-east-1");
    await clock.runUntil(0);
    expect([eu, us, iam, rest, http]).toEqual([[0], [0], [0], [0], []]);
    await clock.runUntil(1_000);
    expect(iam[1]).toBeGreaterThan(0);
    expect(http[0]).toBeGreaterThan(0);
  });

  it("holds GetResources to 5 per 2 s within API Gateway's 10/s, without starving it behind other reads", async () => {
    expect(quotasFor("apigateway", "GetResources")).toEqual(["apiGateway", "apiGatewayGetResources"]);
    const clock = virtualClock((timer) => (timer * 31) % 7);
    const scheduler = new RateScheduler({ clock });
    const resources = start(scheduler, clock, 20, "apigateway", "GetResources");
    const stages = start(scheduler, clock, 100, "apigatewayv2", "GetStages");
    await clock.runUntil(20_000);
    expect(resources).toHaveLength(20);
    expect(stages).toHaveLength(100);
    expect(maxInWindow(resources, 2000)).toBeLessThanOrEqual(5);
    expect(maxInWindow([...resources, ...stages], 1000)).toBeLessThanOrEqual(10);
    // GetResources keeps its own pace (about 2.5/s) while the other reads use the rest of the 10/s.
    expect(Math.max(...resources)).toBeLessThan(8_000);
  });

  it("waits for a token through the injected clock and records the pacing", async () => {
    const clock = virtualClock();
    const scheduler = new RateScheduler({ clock, quotas: { iam: { limit: 2, perMs: 1000 } }, toleranceMs: 0 });
    const sent = start(scheduler, clock, 5, "iam", "GetRole");
    await clock.runUntil(10_000);
    // Burst 1 + 2/s: the 5th request goes 2 s after the first.
    expect(sent).toEqual([0, 500, 1000, 1500, 2000]);
    expect(scheduler.waitedMs.get("iam")).toBe(500 + 1000 + 1500 + 2000);
  });
});
