import { describe, expect, it } from "vitest";
import { diffScanResults, findingKey, hasNewFindingsAtOrAbove, newFindingsAtOrAbove, type ScanDiff } from "../../src/diff/index.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { functionArn } from "../support/fixtures.js";
import { fixtureScanResult } from "../report/scan-results.js";
import { CHECK_IDS, craftedScanResults } from "./crafted-results.js";

const { URL, TRACING, RUNTIME } = CHECK_IDS;
const id = (checkId: string, name: string) => `${checkId} ${name}`;
const ids = (entries: { checkId: string; resource: { name: string } }[]) => entries.map((f) => id(f.checkId, f.resource.name)).sort();

describe("diffScanResults", () => {
  const { oldResult, newResult } = craftedScanResults();
  const diff: ScanDiff = diffScanResults(oldResult, newResult);

  it("new findings: opened, previously unknown, on a new function, from a new check", () => {
    expect(ids(diff.findings.new.map((entry) => entry.finding))).toEqual(
      [id(URL, "bravo"), id(URL, "delta"), id(TRACING, "foxtrot"), id(RUNTIME, "hotel")].sort(),
    );
    const byName = new Map(diff.findings.new.map((entry) => [entry.finding.resource.name, entry]));
    expect(byName.get("bravo")).toMatchObject({ previousStatus: "pass", checkAdded: false, resourceAdded: false });
    expect(byName.get("delta")).toMatchObject({ previousStatus: "unknown", checkAdded: false, resourceAdded: false });
    expect(byName.get("foxtrot")).toMatchObject({ previousStatus: "absent", resourceAdded: true });
    expect(byName.get("hotel")).toMatchObject({ previousStatus: "absent", checkAdded: true, resourceAdded: false });
    expect(diff.counts.newBySeverity).toMatchObject({ critical: 2, high: 1, medium: 1 });
  });

  it("resolved findings: fixed, and gone with their function", () => {
    expect(ids(diff.findings.resolved.map((entry) => entry.finding))).toEqual([id(URL, "alpha"), id(TRACING, "charlie")].sort());
    const byName = new Map(diff.findings.resolved.map((entry) => [entry.finding.resource.name, entry]));
    expect(byName.get("alpha")).toMatchObject({ currentStatus: "pass", resourceRemoved: false, checkRemoved: false });
    expect(byName.get("charlie")).toMatchObject({ currentStatus: "absent", resourceRemoved: true });
  });

  it("still open: failed in both scans, suppressed or not", () => {
    expect(ids(diff.findings.stillOpen)).toEqual([id(TRACING, "alpha"), id(TRACING, "echo")].sort());
  });

  it("changed: severity, suppression, and a failure that became unknown (not resolved)", () => {
    const changes = new Map(diff.findings.changed.map((c) => [id(c.checkId, c.resource.name), c]));
    expect(changes.get(id(TRACING, "alpha"))).toMatchObject({ changes: ["severity"], old: { severity: "low" }, new: { severity: "medium" } });
    expect(changes.get(id(TRACING, "echo"))).toMatchObject({
      changes: ["severity", "suppression"],
      old: { suppressed: false },
      new: { suppressed: true },
    });
    expect(changes.get(id(URL, "golf"))).toMatchObject({ changes: ["status"], old: { status: "fail" }, new: { status: "unknown" } });
    expect(diff.findings.resolved.some((entry) => entry.finding.resource.name === "golf")).toBe(false);
    // delta (unknown -> fail) is reported as new, not again as a status change.
    expect(changes.has(id(URL, "delta"))).toBe(false);
  });

  it("every failed finding of either scan is accounted for exactly once among new, resolved, still open and fail->unknown", () => {
    const failedKeys = new Set([...expandedFindings(oldResult), ...expandedFindings(newResult)].filter((f) => f.status === "fail").map(findingKey));
    const placed = [
      ...diff.findings.new.map((e) => findingKey(e.finding)),
      ...diff.findings.resolved.map((e) => findingKey(e.finding)),
      ...diff.findings.stillOpen.map(findingKey),
      ...diff.findings.changed.filter((c) => c.old.status === "fail" && c.new.status === "unknown").map(findingKey),
    ];
    expect(new Set(placed).size).toBe(placed.length);
    expect(new Set(placed)).toEqual(failedKeys);
  });

  it("functions added and removed, and per-function score changes", () => {
    expect(diff.functions.added.map((fn) => fn.name)).toEqual(["foxtrot"]);
    expect(diff.functions.removed.map((fn) => fn.name)).toEqual(["charlie"]);
    const changes = new Map(diff.functions.scoreChanges.map((c) => [c.name, c]));
    const bravo = changes.get("bravo")!;
    expect(bravo.overall.old).toBeGreaterThan(bravo.overall.new!);
    expect(bravo.overall.delta).toBeCloseTo(bravo.overall.new! - bravo.overall.old!, 5);
    expect(bravo.grade.old).toBe("A");
    expect(["D", "F"]).toContain(bravo.grade.new);
    expect(changes.get("alpha")!.byLayer.customer).toMatchObject({ old: 0, new: 100, delta: 100 });
    expect(changes.has("foxtrot")).toBe(false);
  });

  it("account score change and warnings about differing check sets", () => {
    expect(diff.account.score).toEqual({
      old: oldResult.summary.score,
      new: newResult.summary.score,
      delta: Math.round((newResult.summary.score! - oldResult.summary.score!) * 10) / 10,
    });
    expect(diff.account.grade).toEqual({ old: oldResult.summary.grade, new: newResult.summary.grade });
    expect(diff.warnings.join("\n")).toContain(`checks run only in the new scan: ${RUNTIME}`);
    expect(diff.counts).toMatchObject({ new: 4, resolved: 2, stillOpen: 2, functionsAdded: 1, functionsRemoved: 1 });
  });

  it("--fail-on-new gates on new, unsuppressed findings at or above the severity", () => {
    expect(hasNewFindingsAtOrAbove(diff, "critical")).toBe(true);
    expect(newFindingsAtOrAbove(diff, "critical").map((e) => e.finding.resource.name).sort()).toEqual(["bravo", "delta"]);
    expect(newFindingsAtOrAbove(diff, "high")).toHaveLength(3);
    expect(hasNewFindingsAtOrAbove(diff, "none")).toBe(false);
    const quiet = diffScanResults(newResult, newResult);
    expect(hasNewFindingsAtOrAbove(quiet, "info")).toBe(false);
  });

  it("a scan compared with itself has no changes", () => {
    const same = diffScanResults(newResult, newResult);
    expect(same.findings.new).toEqual([]);
    expect(same.findings.resolved).toEqual([]);
    expect(same.findings.changed).toEqual([]);
    expect(same.functions).toEqual({ added: [], removed: [], scoreChanges: [] });
    expect(same.findings.stillOpen).toHaveLength(newResult.findings.filter((f) => f.status === "fail").length);
    expect(same.warnings).toEqual([]);
  });

  it("a newly suppressed new finding does not trip the gate", () => {
    const { oldResult: before, newResult: after } = craftedScanResults();
    for (const finding of after.findings) if (after.resources[finding.resource]?.arn === functionArn("bravo")) finding.suppressed = { reason: "accepted for the demo" };
    const gated = diffScanResults(before, after);
    expect(newFindingsAtOrAbove(gated, "critical").map((e) => e.finding.resource.name)).toEqual(["delta"]);
  });

  it("warns when accounts or severity filters differ", () => {
    const a = fixtureScanResult();
    const b = { ...fixtureScanResult(), accountId: "999988887777", filters: { minimumSeverity: "high" as const } };
    const warnings = diffScanResults(a, b).warnings.join("\n");
    expect(warnings).toContain("different accounts");
    expect(warnings).toContain("minimum severities");
  });
});
