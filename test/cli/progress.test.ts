import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CollectProgressEvent, CollectStats } from "../../src/collect/index.js";
import { clockTime, EtaEstimator, quotaFloorMs } from "../../src/cli/eta.js";
import type { CliIO } from "../../src/cli/io.js";
import { createProgressRenderer, renderCollectionLine, renderCollectionSummary } from "../../src/cli/progress.js";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

function io(tty: boolean): { io: CliIO; stderr: Capture } {
  const stderr = new Capture();
  return { stderr, io: { stdout: new Capture(), stderr, env: {}, cwd: "/", stdoutIsTTY: tty, stderrIsTTY: tty, columns: 100 } };
}

const event = (overrides: Partial<CollectProgressEvent>): CollectProgressEvent => ({
  kind: "calls", regionsTotal: 2, regionsDone: 0, functionsListed: 0, functionsCollected: 0, calls: 0, gaps: 0, ...overrides,
});

describe("ETA", () => {
  it("says nothing until there is a pace, then goes by the pace of the last half minute", () => {
    const eta = new EtaEstimator();
    expect(eta.update(0, 0, 0, 2)).toBeUndefined();
    expect(eta.update(1_000, 10, 1_000, 2)).toBeUndefined();
    // 100 functions in the 10 s since the first sample: the 900 left take 90 s at that pace, above the quota floor of 30 s.
    expect(eta.update(10_000, 100, 1_000, 2)).toBe(90_000);
    expect(eta.update(20_000, 1_000, 1_000, 2)).toBe(0);
  });

  it("never promises less than AWS's quotas allow: 15 shared-budget requests a second per running region", () => {
    expect(quotaFloorMs(150, 1)).toBe(10_000);
    expect(quotaFloorMs(150, 2)).toBe(5_000);
    expect(quotaFloorMs(150, 0)).toBe(10_000);
    const eta = new EtaEstimator();
    eta.update(0, 0, 3_000, 1);
    // A burst of 1,000 functions in 2 s would promise 4 s for the 2,000 left; the quota floor is 133 s.
    expect(eta.update(2_000, 1_000, 3_000, 1)).toBeCloseTo(quotaFloorMs(2_000, 1), 0);
  });

  it("shows elapsed time as a clock", () => {
    expect(clockTime(0)).toBe("0:00");
    expect(clockTime(65_400)).toBe("1:05");
    expect(clockTime(3_726_000)).toBe("1:02:06");
  });
});

describe("progress on stderr", () => {
  it("plain lines (not a terminal) carry the elapsed time and, once known, the time left", () => {
    let now = 1_000_000;
    const { io: cli, stderr } = io(false);
    const progress = createProgressRenderer(cli, false, () => now);
    progress.onProgress(event({ kind: "regionStarted", region: "eu-west-1", functionsListed: 0 }));
    now += 3_000;
    progress.onProgress(event({ kind: "functionsListed", functionsListed: 600, functionsCollected: 0 }));
    now += 6_000;
    progress.onProgress(event({ kind: "functionCollected", functionsListed: 600, functionsCollected: 300, calls: 900 }));
    now += 3_600_000;
    progress.onProgress(event({ kind: "regionFinished", region: "ap-southeast-3", regionsDone: 1, functionsListed: 123_456, functionsCollected: 100_000, calls: 1_234_567, gaps: 12_345 }));
    progress.done();
    const lines = stderr.text.trim().split("\n");
    // Within 80 columns, the least needed counts left out.
    expect(lines[2]).toMatch(/^ap-southeast-3 done 1:00:09 \(about .* left\) · 100000\/123456 functions/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // No bar in a log; the counts most needed first.
    expect(lines[0]).toBe("eu-west-1 started 0:00 · 0/0 functions · 0/2 regions · 0 gaps · 0 calls");
    // 300 in 9 s would leave 9 s; two regions' shared budgets need 10 s for the 300 left.
    expect(lines[1]).toBe("0:09 (about 10s left) · 300/600 functions · 0/2 regions · 0 gaps · 900 calls");
  });

  it("on a terminal, one line redrawn in place and cut to the width; nothing with --quiet", () => {
    let now = 0;
    const { io: cli, stderr } = io(true);
    const progress = createProgressRenderer(cli, false, () => now);
    now = 42_000;
    progress.onProgress(event({ functionsListed: 10, functionsCollected: 1 }));
    progress.done();
    expect(stderr.text).toBe("\r[##------------------] 0:42 · 1/10 functions · 0/2 regions · 0 gaps · 0 calls\u001b[K\n");
    const quiet = io(true);
    createProgressRenderer(quiet.io, true).onProgress(event({}));
    expect(quiet.stderr.text).toBe("");
  });
});

describe("after collection", () => {
  const stats: CollectStats = {
    calls: { "lambda:GetFunction": 200, "lambda:GetPolicy": 200, "iam:GetRole": 40 },
    totalCalls: 440,
    throttles: {},
    totalThrottles: 0,
    gaps: { "lambda:GetPolicy": 2 },
    totalGaps: 2,
    durations: { totalMs: 65_000, byRegion: {}, iamMs: 1_000 },
    waitedMs: {},
    functions: 200,
    roles: 40,
    managedPolicies: 12,
    notSent: { stopped: 0, unreachable: 0 },
  };

  it("one short closing note by default; the calls by operation only with --verbose", () => {
    expect(renderCollectionLine(stats)).toBe(
      "collected 200 function(s), 40 role(s), 12 managed policies in 1m 5s\n  440 calls, 0 throttled, 2 gaps (--verbose shows them by operation)",
    );
    expect(renderCollectionLine(stats)).not.toContain("GetPolicy");
    expect(renderCollectionSummary(stats, 80)).toContain("calls: 440: lambda:GetFunction 200, lambda:GetPolicy 200, iam:GetRole 40");
  });
});
