import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandedFindings } from "../../src/engine/result-index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { EMPTY_REGION, EU, EU_PROVIDER_ARN, fixtureAccount, US } from "./fixture/account.js";
import { comparableFindings, scanner, type ScanOutcome } from "./scanner.js";

/**
 * Issue 13 end to end: the 2025–2026 Lambda surface (capacity providers, durable functions, recursion,
 * the package key, SnapStart, log levels, CloudTrail, GuardDuty and Inspector coverage, known layer
 * publishers) read from the loopback stub, and the stub's emulator mode, which answers operations it
 * does not implement the way LocalStack (JSON 501) or a bare web server (HTML 404) does and leaves
 * LoggingConfig out of function configurations.
 */
const REGIONS = [EU, US, EMPTY_REGION];
const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:111122223333:function:${name}`;

let stub: Stub;
let html404: Stub;
let json501: Stub;
let baseline: ScanOutcome;
let emulated: ScanOutcome;
let partial: ScanOutcome;

function resultOf(outcome: ScanOutcome): ScanResult {
  if (!outcome.result) throw new Error(`no scan result (exit ${outcome.exitCode}): ${outcome.stderr.slice(0, 2000)}`);
  return outcome.result;
}

function finding(outcome: ScanOutcome, checkId: string, arn: string) {
  return expandedFindings(resultOf(outcome), (candidate) => candidate.checkId === checkId).find((candidate) => candidate.resource.arn === arn);
}

beforeAll(async () => {
  [stub, html404, json501] = await Promise.all([
    startStub({ account: fixtureAccount(), seed: 13 }),
    startStub({ account: fixtureAccount(), seed: 13, emulator: { answer: "html-404" } }),
    startStub({
      account: fixtureAccount(),
      seed: 13,
      emulator: { answer: "json-501", unimplemented: ["lambda:ListCodeSigningConfigs", "lambda:ListCapacityProviders", "lambda:GetFunctionRecursionConfig"], omitLoggingConfig: false },
    }),
  ]);
  baseline = await scanner.scan(stubEnvironment(stub.url), REGIONS);
  emulated = await scanner.scan(stubEnvironment(html404.url), REGIONS);
  partial = await scanner.scan(stubEnvironment(json501.url), REGIONS);
}, 120_000);

afterAll(async () => {
  await Promise.all([stub?.close(), html404?.close(), json501?.close()]);
});

describe("the 2025–2026 surface against the stub", () => {
  it("reads it without a gap or a note, every operation served", () => {
    expect(resultOf(baseline).gaps).toEqual([]);
    const snapshot = baseline.snapshot as Snapshot;
    expect(snapshot.notes).toBeUndefined();
    expect(stub.stats().unimplemented).toEqual([]);
    expect(stub.stats().operations).toEqual(
      expect.arrayContaining([
        "lambda:ListCapacityProviders",
        "lambda:GetFunctionRecursionConfig",
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetEventSelectors",
        "cloudtrail:GetTrailStatus",
        "guardduty:ListDetectors",
        "guardduty:GetDetector",
        "inspector2:BatchGetAccountStatus",
      ]),
    );
    expect(snapshot.capacityProviders?.map((provider) => provider.arn)).toEqual([EU_PROVIDER_ARN]);
    expect(snapshot.detectiveCoverage?.map((entry) => entry.region).sort()).toEqual([...REGIONS].sort());
  });

  it("finds what the fixture plants", () => {
    const planted: [string, string, string, string][] = [
      ["function-capacity-provider-mixed-trust", fnArn(EU, "public-url-fn"), "fail", "exposedBesidePrivileged"],
      ["function-capacity-provider-mixed-trust", fnArn(EU, "legacy-worker"), "fail", "privilegedBesideExposed"],
      ["function-capacity-provider-mixed-trust", fnArn(EU, "orders-api"), "not_applicable", "notOnCapacityProvider"],
      ["function-capacity-provider-no-cmk", fnArn(EU, "public-url-fn"), "fail", "providerWithoutCmk"],
      ["function-capacity-provider-single-az", fnArn(EU, "public-url-fn"), "fail", "providerSingleAvailabilityZone"],
      ["function-capacity-provider-egress-unrestricted", fnArn(EU, "legacy-worker"), "fail", "providerEgressToAnywhere"],
      ["function-capacity-provider-operator-broad", fnArn(EU, "legacy-worker"), "fail", "operatorRoleBeyondManagedPolicy"],
      ["function-durable-state-no-cmk", fnArn(EU, "signed-fn"), "fail", "durableStateAwsOwnedKey"],
      ["function-durable-retention-long", fnArn(EU, "signed-fn"), "fail", "durableRetentionTooLong"],
      ["function-recursion-loop-allowed", fnArn(US, "reports"), "fail", "recursiveLoopAllowed"],
      ["function-recursion-loop-allowed", fnArn(EU, "orders-api"), "pass", "recursiveLoopTerminated"],
      ["function-code-no-cmk", fnArn(EU, "signed-fn"), "pass", "packageCustomerKey"],
      ["function-code-no-cmk", fnArn(EU, "orders-api"), "fail", "packageAwsOwnedKey"],
      ["function-snapstart-snapshot-exposed", fnArn(EU, "public-url-fn"), "fail", "snapshotHoldsSecrets"],
      ["function-log-level-verbose", fnArn(EU, "public-url-fn"), "fail", "verboseLogLevel"],
      ["function-invoke-trail-missing", fnArn(US, "edge-auth"), "pass", "invocationsLogged"],
      ["function-guardduty-protection-disabled", fnArn(EU, "orders-api"), "pass", "lambdaProtectionOn"],
      ["function-guardduty-protection-disabled", fnArn(US, "reports"), "fail", "lambdaProtectionOff"],
      ["function-inspector-scanning-disabled", fnArn(EU, "orders-api"), "pass", "dependenciesAndCodeScanned"],
      ["function-inspector-scanning-disabled", fnArn(US, "edge-auth"), "fail", "lambdaScanningOff"],
      ["function-layer-cross-account", fnArn(EU, "signed-fn"), "pass", "layersFromKnownPublishers"],
    ];
    for (const [checkId, arn, status, reason] of planted) {
      expect(finding(baseline, checkId, arn), `${checkId} on ${arn}`).toMatchObject({ status, reason });
    }
    expect(finding(baseline, "function-capacity-provider-mixed-trust", fnArn(EU, "public-url-fn"))?.evidence).toMatchObject({ counterpart: { arn: fnArn(EU, "legacy-worker") } });
    // A pass keeps no evidence in the compact result; test/checks/function-layer-cross-account.test.ts
    // shows the publisher named in it.
  });

  it("counts a capacity provider's operator role finding toward the functions on the provider", () => {
    const operatorRole = expandedFindings(resultOf(baseline)).filter((candidate) => candidate.resource.arn === "arn:aws:iam::111122223333:role/app-function-role");
    expect(operatorRole.length).toBeGreaterThan(0);
    for (const candidate of operatorRole) expect(candidate.functionArns).toEqual(expect.arrayContaining([fnArn(EU, "public-url-fn"), fnArn(EU, "legacy-worker")]));
  });
});

describe("emulator mode: an HTML 404 for ListCodeSigningConfigs, no LoggingConfig", () => {
  it("reads code signing per function instead, with a note per region and no gap", () => {
    expect(html404.stats().unimplemented.filter((id) => id === "lambda:ListCodeSigningConfigs")).toHaveLength(2);
    expect(resultOf(emulated).gaps).toEqual([]);
    const notes = (emulated.snapshot as Snapshot).notes ?? [];
    expect(notes.map((note) => [note.operation, note.region]).sort()).toEqual([
      ["ListCodeSigningConfigs", EU],
      ["ListCodeSigningConfigs", US],
    ]);
    expect(notes[0]?.message).toMatch(/HTTP 404/);
    expect(html404.stats().calls["lambda:GetFunctionCodeSigningConfig"]).toBeGreaterThan(0);
    // The same code signing results as against the full API: nothing became unknown.
    const before = comparableFindings(resultOf(baseline));
    const after = comparableFindings(resultOf(emulated));
    for (const [key, value] of before) if (key.startsWith("function-code-signing-disabled ")) expect(after.get(key), key).toEqual(value);
  });

  it("judges the log groups at AWS's default and says the default was assumed", () => {
    const snapshot = emulated.snapshot as Snapshot;
    expect(snapshot.functions.every((fn) => fn.loggingConfig?.defaultsAssumed === true)).toBe(true);
    const logFindings = expandedFindings(resultOf(emulated), (candidate) => candidate.checkId.startsWith("function-log-"));
    expect(logFindings.length).toBeGreaterThan(0);
    expect(logFindings.filter((candidate) => candidate.status === "unknown")).toEqual([]);
    for (const candidate of logFindings.filter((entry) => entry.status === "fail")) expect(candidate.evidence, candidate.checkId).toHaveProperty("loggingConfigAssumed");
    // `reports` logs to /custom/reports on AWS; without LoggingConfig the default group is judged.
    expect(finding(emulated, "function-log-group-missing", fnArn(US, "reports"))).toMatchObject({ status: "fail", evidence: { logGroupName: "/aws/lambda/reports" } });
  });
});

describe("emulator mode: LocalStack's 501 for the listings and for a per-function read", () => {
  it("notes the listings that have a slower path and keeps the one without as a gap", () => {
    const result = resultOf(partial);
    const snapshot = partial.snapshot as Snapshot;
    expect([...new Set((snapshot.notes ?? []).map((note) => note.operation))].sort()).toEqual(["ListCapacityProviders", "ListCodeSigningConfigs"]);
    expect(snapshot.capacityProviders?.map((provider) => provider.arn)).toEqual([EU_PROVIDER_ARN]);
    expect([...new Set(result.gaps.map((gap) => `${gap.operation} ${gap.errorCode}`))]).toEqual(["GetFunctionRecursionConfig InternalFailure"]);
    expect(finding(partial, "function-recursion-loop-allowed", fnArn(US, "reports"))).toMatchObject({ status: "unknown" });
    expect(finding(partial, "function-capacity-provider-no-cmk", fnArn(EU, "public-url-fn"))).toMatchObject({ status: "fail", reason: "providerWithoutCmk" });
  });
});
