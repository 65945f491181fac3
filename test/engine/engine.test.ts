import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { defineCheck, fail, pass, unknown, type AnyCheck } from "../../src/engine/check.js";
import { scanResultSchema } from "../../src/engine/result-schema.js";
import { checkSettingsSchemaFor } from "../../src/engine/settings.js";
import { createSuppressionMatcher } from "../../src/engine/suppressions.js";
import { check } from "../../src/index.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { readSnapshot } from "../../src/snapshot/io.js";
import { z } from "zod";
import { evaluateForTest as evaluateSnapshot } from "../support/evaluate.js";
import { functionArn, REGION, secureFunction, snapshotWith } from "../support/fixtures.js";
import { expandedFindings } from "../../src/engine/result-index.js";

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
  reasons: { policyNotRead: "not read", noPolicy: "none", hasPolicy: "has one" },
  evaluate(fn) {
    if (fn.resourcePolicy === undefined) return unknown("policyNotRead");
    return fn.resourcePolicy === null ? pass("noPolicy") : fail("hasPolicy");
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
  reasons: { fine: "fine" },
  evaluate(fn) {
    if (fn.name === "beta") throw new Error("boom on beta");
    return pass("fine");
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
  reasons: { fine: "fine" },
  evaluate(fn) {
    (fn as { name: string }).name = "changed";
    return pass("fine");
  },
});

const alpha = secureFunction({ name: "alpha", arn: functionArn("alpha") });
const beta = secureFunction({ name: "beta", arn: functionArn("beta") });
const now = new Date("2026-11-20T00:00:00Z");

describe("engine", () => {
  it("turns a pass into unknown when a required read has a gap for that function only", async () => {
    const snapshot = snapshotWith({
      functions: [alpha, beta],
      gaps: [{ service: "lambda", operation: "GetPolicy", region: REGION, resourceArn: alpha.arn, errorCode: "AccessDeniedException", message: "denied" }],
    });
    const result = await evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    const byName = Object.fromEntries(expandedFindings(result).map((f) => [f.resource.name, f]));
    expect(byName.alpha).toMatchObject({ status: "unknown", reason: "dataUnavailable" });
    expect(byName.alpha!.evidence.gaps).toEqual([{ operation: "lambda:GetPolicy", region: REGION, resourceArn: alpha.arn, errorCode: "AccessDeniedException" }]);
    expect(byName.beta).toMatchObject({ status: "pass", reason: "noPolicy" });
  });

  it("applies a region-wide gap to every function of that region, and a fail stands", async () => {
    const failing = secureFunction({ name: "gamma", arn: functionArn("gamma"), resourcePolicy: { Statement: [] } });
    const snapshot = snapshotWith({
      functions: [alpha, failing],
      gaps: [{ service: "lambda", operation: "GetPolicy", region: REGION, errorCode: "ThrottlingException", message: "slow down" }],
    });
    const result = await evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    expect(expandedFindings(result).map((f) => [f.resource.name, f.status])).toEqual([["alpha", "unknown"], ["gamma", "fail"]]);
  });

  it("reports unknown for operations the collection did not attempt", async () => {
    const snapshot = snapshotWith({ functions: [alpha], operationsAttempted: ["lambda:ListFunctions"] });
    const result = await evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck], now });
    expect(expandedFindings(result)[0]).toMatchObject({ status: "unknown", reason: "notCollected" });
  });

  it("a check that throws is unknown for that function only, and is reported", async () => {
    const snapshot = snapshotWith({ functions: [alpha, beta] });
    const result = await evaluateSnapshot(snapshot, { checks: [throwingCheck as AnyCheck], now });
    const byName = Object.fromEntries(expandedFindings(result).map((f) => [f.resource.name, f]));
    expect(byName.beta).toMatchObject({ status: "unknown", reason: "checkError" });
    expect(byName.alpha).toMatchObject({ status: "pass", reason: "fine" });
    expect(result.checkErrors).toEqual([{ checkId: "test-throws-on-beta", resourceArn: beta.arn, message: "boom on beta" }]);
    expect(result.summary.counts.checkErrors).toBe(1);
  });

  it("freezes the snapshot: a check cannot change what the next check sees", async () => {
    const snapshot = snapshotWith({ functions: [alpha] });
    const result = await evaluateSnapshot(snapshot, { checks: [mutatingCheck as AnyCheck, policyCheck as AnyCheck], now });
    expect(expandedFindings(result)[0]).toMatchObject({ status: "unknown", reason: "checkError" });
    expect(expandedFindings(result)[1]!.resource.name).toBe("alpha");
    expect(snapshot.functions[0]!.name).toBe("alpha");
  });

  it("suppresses by check id and ARN glob, keeps the finding marked, and drops expired suppressions", async () => {
    const withPolicy = (name: string) => secureFunction({ name, arn: functionArn(name), resourcePolicy: { Statement: [] } });
    const snapshot = snapshotWith({ functions: [withPolicy("public-a"), withPolicy("public-b"), withPolicy("internal")] });
    const result = await evaluateSnapshot(snapshot, {
      checks: [policyCheck as AnyCheck],
      now,
      suppressions: [
        { checkId: "test-policy-present", resource: "arn:aws:lambda:*:111122223333:function:public-*", reason: "Public webhooks, HMAC-verified", expires: "2026-12-31" },
        { checkId: "test-policy-present", resource: "arn:aws:lambda:*:*:function:internal", reason: "Accepted until the migration", expires: "2026-11-19" },
        { checkId: "other-check", resource: "*", reason: "Matches nothing in this scan" },
      ],
    });
    const byName = Object.fromEntries(expandedFindings(result).map((f) => [f.resource.name, f]));
    expect(byName["public-a"]!.suppressed).toEqual({ reason: "Public webhooks, HMAC-verified", expires: "2026-12-31" });
    expect(byName["public-b"]!.status).toBe("fail");
    expect(byName.internal!.suppressed).toBeUndefined();
    expect(result.suppressions.expired.map((s) => s.resource)).toEqual(["arn:aws:lambda:*:*:function:internal"]);
    expect(result.suppressions.unmatched.map((s) => s.checkId)).toEqual(["other-check"]);
    expect(result.summary.counts.suppressed).toBe(2);
    expect(result.summary.counts.suppressedByStatus).toEqual({ pass: 0, fail: 2, unknown: 0, not_applicable: 0 });
    expect(result.summary.counts.failedBySeverity.high).toBe(1);
    // Accepted failures are not open failures in the compliance view: they have their own column.
    const controls = result.compliance.filter((control) => control.checkIds.includes("test-policy-present"));
    expect(controls.length).toBeGreaterThan(0);
    for (const control of controls) expect(control).toMatchObject({ fail: 1, accepted: 2 });
  });

  it("counts a suppressed pass apart from a suppressed failure", async () => {
    const snapshot = snapshotWith({ functions: [alpha, secureFunction({ name: "gamma", arn: functionArn("gamma"), resourcePolicy: { Statement: [] } })] });
    const result = await evaluateSnapshot(snapshot, {
      checks: [policyCheck as AnyCheck],
      now,
      suppressions: [{ checkId: "test-policy-present", resource: "**", reason: "reviewed" }],
    });
    const statuses = expandedFindings(result).map((finding) => finding.status).sort();
    expect(statuses).toEqual(["fail", "pass"]);
    expect(result.summary.counts.suppressedByStatus).toEqual({ pass: 1, fail: 1, unknown: 0, not_applicable: 0 });
    expect(result.summary.counts.suppressed).toBe(2);
  });

  it("a date-only expiry lasts through its whole day", () => {
    const matcher = createSuppressionMatcher(
      [{ checkId: "*", resource: "**", reason: "until the end of the day", expires: "2026-11-20" }],
      new Date("2026-11-20T23:00:00Z"),
    );
    expect(matcher.match("any", "arn:aws:lambda:eu-west-1:1:function:x")).toBeDefined();
    expect(matcher.expired).toEqual([]);
  });

  it("produces a result that validates against the scan result schema, with a compliance view", async () => {
    const snapshot = snapshotWith({ functions: [alpha, beta] });
    const result = await evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck, throwingCheck as AnyCheck], now, minimumSeverity: "high" });
    expect(scanResultSchema.parse(result)).toEqual(result);
    expect(expandedFindings(result).every((f) => f.severity === "high")).toBe(true);
    expect(result.summary.counts.byStatus).toEqual({ pass: 3, fail: 0, unknown: 1, not_applicable: 0 });
    expect(result.compliance).toEqual([
      { framework: "nist80053", control: "AC-3", title: "Access Enforcement", checkIds: ["test-policy-present"], pass: 2, fail: 0, accepted: 0, unknown: 0, notApplicable: 0 },
    ]);
  });

  it("stores each check and each resource once; only failed and unknown findings carry a sentence and evidence", async () => {
    const failing = secureFunction({ name: "gamma", arn: functionArn("gamma"), resourcePolicy: { Statement: [] } });
    const snapshot = snapshotWith({ functions: [alpha, failing] });
    const result = await evaluateSnapshot(snapshot, { checks: [policyCheck as AnyCheck, throwingCheck as AnyCheck], now });
    expect(result.checks.map((check) => check.id)).toEqual(["test-policy-present", "test-throws-on-beta"]);
    expect(result.resources.map((resource) => resource.name)).toEqual(["alpha", "gamma"]);
    expect(result.findings).toHaveLength(4);
    for (const finding of result.findings) {
      if (finding.status === "pass") expect(Object.keys(finding).sort()).toEqual(["checkId", "reason", "resource", "status"]);
      else expect(finding.message).toEqual(expect.any(String));
    }
    const gamma = expandedFindings(result).find((f) => f.resource.name === "gamma" && f.checkId === "test-policy-present");
    expect(gamma).toMatchObject({ status: "fail", title: policyCheck.title, severity: policyCheck.severity, functionArns: [failing.arn] });
  });

  it("turns a result with an undeclared reason or an unfilled placeholder into a checkError", async () => {
    const loose = {
      ...throwingCheck,
      id: "test-contract",
      reasons: { needsCount: "{count} thing(s)" },
      evaluate: (fn: { name: string }) => (fn.name === "alpha" ? pass("notDeclared") : fail("needsCount")),
    } as unknown as AnyCheck;
    const result = await evaluateSnapshot(snapshotWith({ functions: [alpha, beta] }), { checks: [loose], now });
    expect(result.checkErrors.map((error) => error.message)).toEqual([
      "the check returned the undeclared reason notDeclared",
      "the sentence of this result needs a value for {count}",
    ]);
  });

  it("fills a reason's placeholders from values, then evidence", async () => {
    const counting = defineCheck({
      ...throwingCheck,
      id: "test-counting",
      reasons: { counted: "{count} of {name}" },
      // A failed result keeps its sentence in the result; a pass stays compact (see below).
      evaluate: (fn) => fail("counted", { name: fn.name }, { count: 2 }),
    });
    const result = await evaluateSnapshot(snapshotWith({ functions: [alpha] }), { checks: [counting as AnyCheck], now });
    expect(expandedFindings(result)[0]!.message).toBe("2 of alpha");
  });

  it("gives each check its own settings, with defaults, from checkSettings", async () => {
    const threshold = defineCheck({
      ...throwingCheck,
      id: "test-threshold",
      settings: z.object({ maximumWidgets: z.number().int().default(3) }),
      reasons: { within: "within {maximumWidgets}" },
      evaluate: (_fn, _view, settings) => fail("within", { maximumWidgets: settings.maximumWidgets }),
    });
    const snapshot = snapshotWith({ functions: [alpha] });
    const byDefault = await evaluateSnapshot(snapshot, { checks: [threshold as AnyCheck], now });
    expect(expandedFindings(byDefault)[0]!.message).toBe("within 3");
    const configured = await evaluateSnapshot(snapshotWith({ functions: [alpha] }), { checks: [threshold as AnyCheck], now, checkSettings: { maximumWidgets: 7 } });
    expect(expandedFindings(configured)[0]!.message).toBe("within 7");
  });

  it("composes checkSettings from the catalogue, strictly, and refuses two different definitions of one setting", () => {
    const schema = checkSettingsSchemaFor(ALL_CHECKS);
    expect(schema.parse({ minimumLogRetentionDays: 30, trustedAccountIds: ["444455556666"] })).toMatchObject({ minimumLogRetentionDays: 30 });
    expect(() => schema.parse({ minimumLogRetentionDay: 30 })).toThrow();
    const clash = { ...throwingCheck, id: "test-clash", settings: z.object({ minimumLogRetentionDays: z.string().default("x") }) } as unknown as AnyCheck;
    expect(() => checkSettingsSchemaFor([...ALL_CHECKS, clash])).toThrow(/minimumLogRetentionDays of test-clash differs/);
  });
});

describe("the engine as a library (regressions)", () => {
  const partnerPolicy = {
    Version: "2012-10-17",
    Statement: [{ Sid: "partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "lambda:InvokeFunction", Resource: "*" }],
  };

  it("judges a snapshot afresh on every evaluation: a trusted account given the second time is trusted", async () => {
    // Analyses were cached per function object, across evaluations: the second answer was the stale fail.
    const snapshot = snapshotWith({ functions: [secureFunction({ resourcePolicy: partnerPolicy })] });
    const only = { checks: ["function-policy-cross-account-invoke"] };
    const untrusted = await check(snapshot, only);
    const trusted = await check(snapshot, { ...only, checkSettings: { trustedAccountIds: ["444455556666"] } });
    expect(expandedFindings(untrusted)[0]).toMatchObject({ status: "fail", reason: "crossAccountInvoke" });
    expect(expandedFindings(trusted)[0]).toMatchObject({ status: "pass" });
    const againUntrusted = await check(snapshot, only);
    expect(expandedFindings(againUntrusted)[0]).toMatchObject({ status: "fail" });
  });

  it("needs no preparation step: check() on the demo account gives no check errors", async () => {
    // Role checks needed prepareRolePermissionAnalysis() first, or some 90 results were checkErrors.
    const result = await check(await readSnapshot(demoSnapshotPath));
    expect(result.checkErrors).toEqual([]);
    expect(result.summary.counts.checkErrors).toBe(0);
    expect(expandedFindings(result).some((finding) => finding.checkId === "role-admin-access" && finding.status === "fail")).toBe(true);
  });
});
