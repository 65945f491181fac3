import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { isAllowedOperation } from "../../src/aws/allow-list.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { unqualifiedFunctionArn } from "../../src/arn.js";
import { EMPTY_REGION, ENVIRONMENT_VALUES, EU, FIXTURE_ORGANIZATION_ID, fixtureAccount, fixtureSnapshot, LIVE_ALIAS_ARN, US } from "./fixture/account.js";
import { comparableFindings, evaluate, scanner, spawnedScanner, type ScanOutcome } from "./scanner.js";
import { stubEnvironment } from "../../stub/clients.js";
import type { FaultRule } from "../../stub/faults.js";
import { startStub, type Stub } from "../../stub/server.js";
import { expandedFindings } from "../../src/engine/result-index.js";

/**
 * End-to-end: lambda-posture against the loopback stub serving the fixture account, with AWS's
 * quotas enforced, through nothing but AWS_ENDPOINT_URL. See issue 6. The scans run the CLI in this
 * process (runCli with captured streams), except the throttled one, which runs the built bin as a
 * child process at the same time as the others.
 */
const REGIONS = [EU, US, EMPTY_REGION];
const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:111122223333:function:${name}`;

let stub: Stub;
let baseline: ScanOutcome;
/** A second stub that throttles, and the scan of it that runs while the other tests do (see beforeAll). */
let throttlingStub: Stub;
let throttledScan: Promise<ScanOutcome>;

async function scanWith(faults: FaultRule[]): Promise<ScanOutcome> {
  stub.setFaults(faults);
  stub.resetStats();
  try {
    return await scanner.scan(stubEnvironment(stub.url), REGIONS);
  } finally {
    stub.setFaults([]);
  }
}

function expectAllCallsAllowed(of: Stub = stub): void {
  const stats = of.stats();
  expect(stats.unknown).toEqual([]);
  expect(stats.unimplemented).toEqual([]);
  expect(stats.operations.filter((id) => !isAllowedOperation(...(id.split(":") as [string, string])))).toEqual([]);
}

function resultOf(outcome: ScanOutcome): ScanResult {
  if (!outcome.result) throw new Error(`no scan result (exit ${outcome.exitCode}): ${outcome.stderr.slice(0, 2000)}`);
  return outcome.result;
}

function requiresOf(checkId: string): string[] {
  return ALL_CHECKS.find((check) => check.id === checkId)?.requires ?? [];
}

beforeAll(async () => {
  stub = await startStub({ account: fixtureAccount(), seed: 20261101 });
  // 20% of calls throttled, never more than three times in a row for the same call: the scanner's
  // retries must absorb it. (Unbounded random streaks would make the test a lottery, not a proof.)
  throttlingStub = await startStub({
    account: fixtureAccount(),
    seed: 20261101,
    faults: [{ kind: "throttle", probability: 0.1, maxConsecutive: 2 }],
  });
  // The SDK's back-off makes that scan long but idle, so it runs from the start, alongside the tests
  // below, as a child process (the built bin, as a user runs it): its AWS_* environment is its own.
  throttledScan = spawnedScanner.scan(stubEnvironment(throttlingStub.url), REGIONS);
  void throttledScan.catch(() => undefined); // awaited, and its failure reported, by its test
  baseline = await scanWith([]);
}, 180_000);

afterAll(async () => {
  await throttledScan?.catch(() => undefined);
  await Promise.all([stub?.close(), throttlingStub?.close()]);
});

describe(`scan against the loopback stub`, () => {
  it("runs cleanly: exit 0 or 1, no gaps, no throttling, every call on the allow-list", () => {
    expect([0, 1]).toContain(baseline.exitCode);
    const result = resultOf(baseline);
    expect(result.gaps).toEqual([]);
    expect(baseline.snapshot?.gaps).toEqual([]);
    expect(result.accountId).toBe("111122223333");
    expect(new Set(result.functions.map((fn) => fn.arn))).toEqual(new Set(fixtureSnapshot().functions.map((fn) => fn.arn)));
  });

  it("gives the results of `check` on the snapshot that `collect` wrote from the same account", async () => {
    stub.resetStats();
    const collected = await scanner.collect(stubEnvironment(stub.url), REGIONS);
    expectAllCallsAllowed();
    expect(collected.exitCode).toBe(0);
    expect(collected.snapshot).toBeDefined();
    const checked = await scanner.check(collected.snapshot as Snapshot);
    expect(comparableFindings(resultOf(checked))).toEqual(comparableFindings(resultOf(baseline)));
  });

  it("matches the findings of the engine run on the fixture itself (the account as a snapshot)", async () => {
    const collected = baseline.snapshot as Snapshot;
    const oracle = await evaluate(fixtureSnapshot(collected.collectedAt));
    const expected = comparableFindings(oracle);
    const actual = comparableFindings(resultOf(baseline));
    const differences: string[] = [];
    for (const key of new Set([...expected.keys(), ...actual.keys()])) {
      const want = expected.get(key);
      const got = actual.get(key);
      if (want?.status !== got?.status || want?.reason !== got?.reason) {
        differences.push(`${key}: expected ${want?.status}/${want?.reason}, scanned ${got?.status}/${got?.reason}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("finds what the fixture plants", () => {
    const findings = comparableFindings(resultOf(baseline));
    const planted: [string, string, string][] = [
      ["function-url-auth-none", fnArn(EU, "public-url-fn"), "fail"],
      ["function-url-auth-none", fnArn(EU, "orders-api"), "pass"],
      ["function-runtime-deprecated", fnArn(EU, "legacy-worker"), "fail"],
      ["function-tracing-disabled", fnArn(EU, "legacy-worker"), "fail"],
      ["function-env-secret-plaintext", fnArn(EU, "public-url-fn"), "fail"],
      ["function-env-secret-plaintext", fnArn(US, "reports"), "fail"],
      ["function-env-secret-plaintext", fnArn(EU, "orders-api"), "pass"],
      ["function-policy-public-invoke", fnArn(EU, "public-url-fn"), "fail"],
      ["function-vpc-egress-unrestricted", fnArn(EU, "legacy-worker"), "fail"],
      ["function-log-group-missing", fnArn(US, "reports"), "fail"],
      ["function-code-signing-disabled", fnArn(EU, "signed-fn"), "pass"],
      ["layer-version-public", `arn:aws:lambda:${EU}:111122223333:layer:shared-utils:3`, "fail"],
      ["role-admin-access", "arn:aws:iam::111122223333:role/legacy-admin-role", "fail"],
    ];
    // A check renamed or removed must show up here, not be skipped.
    expect(planted.filter(([checkId]) => !ALL_CHECKS.some((check) => check.id === checkId))).toEqual([]);
    for (const [checkId, arn, status] of planted) {
      expect(findings.get(`${checkId} ${arn}`)?.status, `${checkId} on ${arn}`).toBe(status);
    }
  });

  it("fetches each role and each managed policy once, however many functions share them", () => {
    const snapshot = baseline.snapshot as Snapshot;
    // The baseline's stats were reset by later tests; count from the snapshot and a fresh collect.
    expect(snapshot.roles).toHaveLength(3);
    expect(snapshot.managedPolicies.map((policy) => policy.arn).sort()).toEqual(
      fixtureSnapshot().managedPolicies.map((policy) => policy.arn).sort(),
    );
  });

  it("never writes an environment value anywhere", () => {
    const written = JSON.stringify(baseline.result) + JSON.stringify(baseline.snapshot) + baseline.stdout + baseline.stderr;
    for (const values of Object.values(ENVIRONMENT_VALUES)) {
      for (const value of Object.values(values)) {
        if (value.length >= 16 && !value.startsWith("arn:")) expect(written.includes(value), value.slice(0, 8)).toBe(false);
      }
    }
  });
});

describe("scan under faults", () => {
  it("counts exactly one IAM read set per role and managed policy, all calls allowed", async () => {
    const outcome = await scanWith([]);
    resultOf(outcome);
    const calls = stub.stats().calls;
    expectAllCallsAllowed();
    expect(calls["iam:GetRole"]).toBe(3);
    expect(calls["iam:GetPolicy"]).toBe(5);
    expect(calls["iam:GetPolicyVersion"]).toBe(5);
    expect(calls["iam:ListAttachedRolePolicies"]).toBe(3);
    expect(stub.stats().throttled).toEqual({});
  });

  it("sees a public alias the function itself does not show, with its own URL, and the account's organisation", () => {
    const result = resultOf(baseline);
    const snapshot = baseline.snapshot as Snapshot;
    expect(snapshot.organization?.id).toBe(FIXTURE_ORGANIZATION_ID);
    const orders = snapshot.functions.find((candidate) => candidate.arn === fnArn(EU, "orders-api"));
    expect(orders?.aliases?.map((alias) => [alias.name, alias.functionVersion, alias.url?.authType, alias.url?.creationTime])).toEqual([["live", "7", "NONE", "2025-12-01T09:00:00.000Z"]]);
    expect(orders?.versions).toEqual([{ version: "7", arn: `${fnArn(EU, "orders-api")}:7`, resourcePolicy: null }]);
    const onAlias = expandedFindings(result).filter((finding) => finding.resource.arn === LIVE_ALIAS_ARN);
    expect(onAlias.find((finding) => finding.checkId === "function-policy-public-invoke")).toMatchObject({ status: "fail", reason: "publicInvokeViaFunctionUrl", resource: { type: "alias", name: "orders-api:live" }, functionArns: [fnArn(EU, "orders-api")] });
    expect(onAlias.find((finding) => finding.checkId === "function-url-auth-none")).toMatchObject({ status: "fail", reason: "urlAuthNone" });
    // The function itself stays private: only the alias is exposed.
    expect(expandedFindings(result).find((finding) => finding.checkId === "function-policy-public-invoke" && finding.resource.arn === fnArn(EU, "orders-api"))).toMatchObject({ status: "pass" });
    // The alias's failures count toward the function's score.
    expect(result.functions.find((summary) => summary.arn === fnArn(EU, "orders-api"))?.counts.failed).toBeGreaterThanOrEqual(2);
  });

  it("turns exactly the checks that need GetPolicy into unknown when GetPolicy is denied", async () => {
    const affected = [fnArn(EU, "public-url-fn"), fnArn(EU, "orders-api")];
    // The denial covers the function's qualifiers too: orders-api's alias and the version it points to.
    const deniedArns = [...affected, LIVE_ALIAS_ARN, `${fnArn(EU, "orders-api")}:7`];
    const outcome = await scanWith([
      { kind: "access-denied", operation: "lambda:GetPolicy", resource: /:function:(public-url-fn|orders-api)$/ },
    ]);
    expectAllCallsAllowed();
    const result = resultOf(outcome);
    expect(result.gaps.map((gap) => [gap.service, gap.operation, gap.resourceArn, gap.errorCode]).sort()).toEqual(
      deniedArns.map((arn) => ["lambda", "GetPolicy", arn, "AccessDeniedException"]).sort(),
    );
    const before = comparableFindings(resultOf(baseline));
    const after = comparableFindings(result);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after.entries()].filter(([key, value]) => value.status !== before.get(key)?.status).map(([key]) => key);
    // A function sharing a capacity provider with an affected one is judged on its neighbour's policy too.
    const provider = (arn: string) => fixtureSnapshot().functions.find((candidate) => candidate.arn === arn)?.capacityProviderConfig?.capacityProviderArn;
    const sharesProvider = (arn: string) => provider(arn) !== undefined && affected.some((other) => provider(other) === provider(arn));
    const dependent = [...before.keys()].filter((key) => {
      const [checkId = "", arn = ""] = key.split(" ");
      const fnArn = unqualifiedFunctionArn(arn);
      return (affected.includes(fnArn) || (checkId === "function-capacity-provider-mixed-trust" && sharesProvider(fnArn))) && requiresOf(checkId).includes("lambda:GetPolicy");
    });
    expect(dependent.length).toBeGreaterThan(0);
    for (const key of dependent) expect(after.get(key)?.status, key).toBe("unknown");
    // Every result that changed is one of those; everything else is exactly as before.
    expect(changed.filter((key) => !dependent.includes(key))).toEqual([]);
    for (const [key, value] of after) if (!dependent.includes(key)) expect(value, key).toEqual(before.get(key));
  });

  it("keeps the other regions' results intact when one region fails entirely", async () => {
    const outcome = await scanWith([{ kind: "server-error", region: US }]);
    expectAllCallsAllowed();
    expect([0, 1]).toContain(outcome.exitCode);
    const result = resultOf(outcome);
    expect(result.gaps.length).toBeGreaterThan(0);
    expect(result.gaps.every((gap) => gap.region === US)).toBe(true);
    expect(result.gaps.some((gap) => gap.service === "lambda" && gap.operation === "ListFunctions")).toBe(true);
    const before = comparableFindings(resultOf(baseline));
    const after = comparableFindings(result);
    const usFunctions = [fnArn(US, "edge-auth"), fnArn(US, "reports")];
    for (const [key, value] of before) {
      const arn = key.split(" ")[1] ?? "";
      if (arn.includes(`:${EU}:`)) expect(after.get(key), key).toEqual(value);
    }
    expect(result.functions.map((fn) => fn.arn).filter((arn) => usFunctions.includes(arn))).toEqual([]);
  });

  it("exits 3 without credentials", async () => {
    const env = stubEnvironment(stub.url);
    delete (env as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (env as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    stub.resetStats();
    const outcome = await scanner.scan(env, REGIONS);
    expect(outcome.exitCode).toBe(3);
    expect(outcome.result).toBeUndefined();
    expect(outcome.stderr).toMatch(/credentials/i);
    expect(stub.stats().total).toBe(0);
  });

  it("exits 3 when no endpoint is reachable", async () => {
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    const outcome = await scanner.scan(stubEnvironment("http://127.0.0.1:9", { AWS_MAX_ATTEMPTS: "1" }), REGIONS);
    expect(outcome.exitCode).toBe(3);
    expect(outcome.stderr).toMatch(/ECONNREFUSED/);
    expect(outcome.result).toBeUndefined();
  });

  it("exits 3 when every region fails although the account is identified", async () => {
    const outcome = await scanWith(REGIONS.map((region) => ({ kind: "drop" as const, operation: "lambda:*", region })));
    expect(outcome.exitCode).toBe(3);
  });

  it("gives identical results under 10% random throttling, with no gap", async () => {
    // The scan of throttlingStub, started in beforeAll; last in the file, so that it has had the other
    // tests' time to finish.
    const outcome = await throttledScan;
    const stats = throttlingStub.stats();
    expect(Object.values(stats.injected.throttle ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    expectAllCallsAllowed(throttlingStub);
    const result = resultOf(outcome);
    expect(result.gaps).toEqual([]);
    expect(comparableFindings(result)).toEqual(comparableFindings(resultOf(baseline)));
  });
});
