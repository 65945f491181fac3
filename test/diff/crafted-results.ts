import { ALL_CHECKS } from "../../checks/index.js";
import type { AnyCheck } from "../../src/engine/check.js";
import { scanResultSchema, type ScanResult } from "../../src/engine/result-schema.js";
import type { Suppression } from "../../src/engine/suppressions.js";
import { evaluateWithoutRoles } from "../support/evaluate.js";
import { functionArn, secureFunction, snapshotWith } from "../support/fixtures.js";

const URL = "function-url-auth-none";
const TRACING = "function-tracing-disabled";
const RUNTIME = "function-runtime-deprecated";

function checksNamed(ids: string[]): AnyCheck[] {
  return ids.map((id) => {
    const check = ALL_CHECKS.find((candidate) => candidate.id === id);
    if (!check) throw new Error(`no check ${id}`);
    return check;
  });
}

const open = { authType: "NONE" as const, cors: null };
const iam = { authType: "AWS_IAM" as const, cors: null };

/**
 * Two scans a week apart that between them show every kind of change a diff reports:
 * - alpha: URL fixed (resolved, now pass); tracing still off (still open, severity raised in the new tool version)
 * - bravo: URL opened (new, was pass)
 * - charlie: deleted (its failure resolved, resource gone; function removed)
 * - delta: URL not readable before, open now (new, was unknown)
 * - echo: tracing failure suppressed in the new scan (changed: suppression)
 * - foxtrot: created with tracing off (new, new resource; function added)
 * - golf: URL open before, not readable now (changed: status fail -> unknown; not resolved)
 * - hotel: on python3.8 throughout; the runtime check only runs in the new scan (new, new check)
 */
export function craftedScanResults(): { oldResult: ScanResult; newResult: ScanResult } {
  const oldSnapshot = snapshotWith({
    collectedAt: "2026-10-25T06:00:00.000Z",
    functions: [
      secureFunction({ name: "alpha", url: open, tracingMode: "PassThrough" }),
      secureFunction({ name: "bravo", url: iam }),
      secureFunction({ name: "charlie", tracingMode: "PassThrough" }),
      secureFunction({ name: "delta", url: undefined }),
      secureFunction({ name: "echo", tracingMode: "PassThrough" }),
      secureFunction({ name: "golf", url: open }),
      secureFunction({ name: "hotel", runtime: "python3.8" }),
    ],
  });
  const newSnapshot = snapshotWith({
    collectedAt: "2026-11-01T06:00:00.000Z",
    functions: [
      secureFunction({ name: "alpha", url: iam, tracingMode: "PassThrough" }),
      secureFunction({ name: "bravo", url: open }),
      secureFunction({ name: "delta", url: open }),
      secureFunction({ name: "echo", tracingMode: "PassThrough" }),
      secureFunction({ name: "foxtrot", tracingMode: "PassThrough" }),
      secureFunction({ name: "golf", url: undefined }),
      secureFunction({ name: "hotel", runtime: "python3.8" }),
    ],
  });
  const suppressEcho: Suppression[] = [{ checkId: TRACING, resource: functionArn("echo"), reason: "Tracing replaced by vendor APM agent" }];
  const oldNow = new Date("2026-10-25T06:05:00.000Z");
  const newNow = new Date("2026-11-01T06:05:00.000Z");
  const oldResult = evaluateWithoutRoles(oldSnapshot, { checks: checksNamed([TRACING, URL]), now: oldNow, scanId: "scan-old" });
  const newResult = evaluateWithoutRoles(newSnapshot, { checks: checksNamed([RUNTIME, TRACING, URL]), suppressions: suppressEcho, now: newNow, scanId: "scan-new" });
  // A new tool version rated tracing higher: the same finding, a different severity.
  for (const check of newResult.checks) if (check.id === TRACING) check.severity = "medium";
  return { oldResult: scanResultSchema.parse(oldResult), newResult: scanResultSchema.parse(newResult) };
}

export const CHECK_IDS = { URL, TRACING, RUNTIME };
