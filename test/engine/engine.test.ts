import { describe, expect, it } from "vitest";
import { defineCheck, fail, pass, unknown, type AnyCheck } from "../../src/engine/check.js";
import { evaluateSnapshot } from "../../src/engine/evaluate.js";
import { scanResultSchema } from "../../src/engine/result-schema.js";
import { createSuppressionMatcher } from "../../src/engine/suppressions.js";
import { functionArn, REGION, secureFunction, snapshotWith } from "../support/fixtures.js";

const policyCheck = defineCheck({
  id: "test-policy-present",
  title: "Function has a resource policy",
  severity: "high",
  layer: "customer",
  phase: "trigger",
  frameworks: { nist80053: ["AC-3"], owaspServerless: [], hipaa: [], fsbp: [] },
  rationale: "test",
  remediation: "aws lambda add-permission",
  requires: ["lambda:GetPolicy"],
  evaluate(fn) {
    if (fn.resourcePolicy === undefined) return unknown("policyNotRead", "not read");
    return fn.resourcePolicy === null ? pass("noPolicy", "none") : fail("hasPolicy", "has one");
  },
});

const throwingCheck = defineCheck({
  id: "test-throws-on-beta",
  title: "Throws on one function",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: { nist80053: [], owaspServerless: [], hipaa: [], fsbp: [] },
  rationale: "test",
  remediation: "aws lambda get-function",
  requires: ["lambda:ListFunctions"],
  evaluate(fn) {
    if (fn.name === "beta") throw new Error("boom on beta");
    return pass("fine", "fine");
  },
});

const mutatingCheck = defineCheck({
  id: "test-mutates-input",
  title: "Tries to change the snapshot",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: { nist80053: [], owaspServerless: [], hipaa: [], fsbp: [] },
  rationale: "test",
  remediation: "aws lambda get-function",
  requires: [],
  evaluate(fn) {
    (fn as { name: string }).name = "changed";
    return pass("fine", "fine");
  },
});

const alpha = secureFunction({ name: "alpha", arn: functionArn("alpha") });
const beta = secureFunction({ name: "beta", arn: functionArn("beta") });
const now = new Date("2026-11-20T00:00:00Z");

describe("engine", () => {
  it("turns a pass into unknown when a required read has a gap for that function only", () => {
    const snapshot = snapshotWith({
      functions: [alpha, beta],
      gaps: [{ service: "lambda", operation: "GetPolicy", region: REGION, resourceArn: alpha.arn, errorCode: "AccessDeniedException", message: "denied" }],
    });
    const result = evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    const byName = Object.fromEntries(result.findings.map((f) => [f.resource.name, f]));
    expect(byName.alpha).toMatchObject({ status: "unknown", reason: "dataUnavailable" });
    expect(byName.alpha!.evidence.gaps).toEqual([{ operation: "lambda:GetPolicy", region: REGION, resourceArn: alpha.arn, errorCode: "AccessDeniedException" }]);
    expect(byName.beta).toMatchObject({ status: "pass", reason: "noPolicy" });
  });

  it("applies a region-wide gap to every function of that region, and a fail stands", () => {
    const failing = secureFunction({ name: "gamma", arn: functionArn("gamma"), resourcePolicy: { Statement: [] } });
    const snapshot = snapshotWith({
      functions: [alpha, failing],
      gaps: [{ service: "lambda", operation: "GetPolicy", region: REGION, errorCode: "ThrottlingException", message: "slow down" }],
    });
    const result = evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    expect(result.findings.map((f) => [f.resource.name, f.status])).toEqual([["alpha", "unknown"], ["gamma", "fail"]]);
  });

  it("reports unknown for operations the collection did not attempt", () => {
    const snapshot = snapshotWith({ functions: [alpha], operationsAttempted: ["lambda:ListFunctions"] });
    const result = evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    expect(result.findings[0]).toMatchObject({ status: "unknown", reason: "notCollected" });
  });

  it("a check that throws is unknown for that function only, and is reported", () => {
    const snapshot = snapshotWith({ functions: [alpha, beta] });
    const result = evaluateSnapshot(snapshot, { checks: [throwingCheck as AnyCheck], now });
    const byName = Object.fromEntries(result.findings.map((f) => [f.resource.name, f]));
    expect(byName.beta).toMatchObject({ status: "unknown", reason: "checkError" });
    expect(byName.alpha).toMatchObject({ status: "pass", reason: "fine" });
    expect(result.checkErrors).toEqual([{ checkId: "test-throws-on-beta", resourceArn: beta.arn, message: "boom on beta" }]);
    expect(result.summary.counts.checkErrors).toBe(1);
  });

  it("freezes the snapshot: a check cannot change what the next check sees", () => {
    const snapshot = snapshotWith({ functions: [alpha] });
    const result = evaluateSnapshot(snapshot, { checks: [mutatingCheck as AnyCheck, policyCheck as AnyCheck], now });
    expect(result.findings[0]).toMatchObject({ status: "unknown", reason: "checkError" });
    expect(result.findings[1]!.resource.name).toBe("alpha");
    expect(snapshot.functions[0]!.name).toBe("alpha");
  });

  it("suppresses by check id and ARN glob, keeps the finding marked, and drops expired suppressions", () => {
    const withPolicy = (name: string) => secureFunction({ name, arn: functionArn(name), resourcePolicy: { Statement: [] } });
    const snapshot = snapshotWith({ functions: [withPolicy("public-a"), withPolicy("public-b"), withPolicy("internal")] });
    const result = evaluateSnapshot(snapshot, {
      checks: [policyCheck as AnyCheck],
      now,
      suppressions: [
        { checkId: "test-policy-present", resource: "arn:aws:lambda:*:111122223333:function:public-*", reason: "Public webhooks, HMAC-verified", expires: "2026-12-31" },
        { checkId: "test-policy-present", resource: "arn:aws:lambda:*:*:function:internal", reason: "Accepted until the migration", expires: "2026-11-19" },
        { checkId: "other-check", resource: "*", reason: "Matches nothing in this scan" },
      ],
    });
    const byName = Object.fromEntries(result.findings.map((f) => [f.resource.name, f]));
    expect(byName["public-a"]!.suppressed).toEqual({ reason: "Public webhooks, HMAC-verified", expires: "2026-12-31" });
    expect(byName["public-b"]!.status).toBe("fail");
    expect(byName.internal!.suppressed).toBeUndefined();
    expect(result.suppressions.expired.map((s) => s.resource)).toEqual(["arn:aws:lambda:*:*:function:internal"]);
    expect(result.suppressions.unmatched.map((s) => s.checkId)).toEqual(["other-check"]);
    expect(result.summary.counts.suppressed).toBe(2);
    expect(result.summary.counts.failedBySeverity.high).toBe(1);
  });

  it("a date-only expiry lasts through its whole day", () => {
    const matcher = createSuppressionMatcher(
      [{ checkId: "*", resource: "**", reason: "until the end of the day", expires: "2026-11-20" }],
      new Date("2026-11-20T23:00:00Z"),
    );
    expect(matcher.match("any", "arn:aws:lambda:eu-west-1:1:function:x")).toBeDefined();
    expect(matcher.expired).toEqual([]);
  });

  it("produces a result that validates against the scan result schema, with a compliance view", () => {
    const snapshot = snapshotWith({ functions: [alpha, beta] });
    const result = evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck, throwingCheck as AnyCheck], now, minimumSeverity: "high" });
    expect(scanResultSchema.parse(result)).toEqual(result);
    expect(result.findings.every((f) => f.severity === "high")).toBe(true);
    expect(result.summary.counts.byStatus).toEqual({ pass: 3, fail: 0, unknown: 1, not_applicable: 0 });
    expect(result.compliance).toEqual([
      { framework: "nist80053", control: "AC-3", title: "Access Enforcement", checkIds: ["test-policy-present"], pass: 2, fail: 0, unknown: 0, notApplicable: 0 },
    ]);
  });
});
