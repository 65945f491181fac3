import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffScanResults, readScanResult } from "../../src/diff/index.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { SCAN_RESULT_SCHEMA_VERSION, scanResultSchema, type Finding } from "../../src/engine/result-schema.js";
import { InputError } from "../../src/errors.js";
import { check, demoSnapshotPath, readResult, readSnapshot } from "../../src/index.js";

/**
 * A schemaVersion 1 result as lambda-posture wrote it before results became compact: `check` on the
 * demo snapshot with function-url-auth-none, role-admin-access and
 * function-tracing-disabled, --severity high (so tracing, a low check, lists no finding) and one
 * suppression on the marketing functions' URLs.
 */
const VERSION_1_FILE = join(import.meta.dirname, "fixtures", "demo-result.v1.json");
const version1 = JSON.parse(readFileSync(VERSION_1_FILE, "utf8")) as { schemaVersion: number; checks: string[]; findings: Finding[] };

describe("reading a schemaVersion 1 result", () => {
  it("gives the same findings in the current form, with each check and resource once", async () => {
    expect(version1.schemaVersion).toBe(1);
    const result = await readResult(VERSION_1_FILE);
    expect(scanResultSchema.parse(result)).toEqual(result);
    expect(result.schemaVersion).toBe(SCAN_RESULT_SCHEMA_VERSION);
    expect(result.checks.map((check) => check.id)).toEqual(version1.checks);
    // The tracing check listed nothing in the old file; this version's catalogue describes it.
    expect(result.checks.find((check) => check.id === "function-tracing-disabled")).toMatchObject({ severity: "low", layer: expect.any(String) });
    expect(result.resources.length).toBe(new Set(version1.findings.map((finding) => finding.resource.arn)).size);
    const expanded = expandedFindings(result);
    expect(expanded).toHaveLength(version1.findings.length);
    for (const [index, old] of version1.findings.entries()) {
      const kept = old.status === "fail" || old.status === "unknown" ? old : { ...old, message: "", evidence: {} };
      expect(expanded[index]).toEqual({ ...kept, accountId: result.accountId });
    }
    expect(expanded.filter((finding) => finding.suppressed).map((finding) => finding.resource.name)).toEqual(
      version1.findings.filter((finding) => finding.suppressed).map((finding) => finding.resource.name),
    );
  });

  it("diffs against a result of this version of the same snapshot: nothing new, nothing resolved, every failure still open", async () => {
    const old = await readResult(VERSION_1_FILE);
    const current = await check(await readSnapshot(demoSnapshotPath), {
      checks: ["function-url-auth-none", "role-admin-access", "function-tracing-disabled"],
      minimumSeverity: "high",
      suppressions: [{ checkId: "function-url-auth-none", resource: "arn:aws:lambda:*:123456789012:function:marketing-*", reason: "Public marketing pages, reviewed by AppSec" }],
    });
    const diff = diffScanResults(old, current);
    expect(diff.warnings).toEqual([]);
    expect(diff.findings.resolved).toEqual([]);
    const oldFailures = version1.findings.filter((finding) => finding.status === "fail").length;
    expect(diff.findings.stillOpen).toHaveLength(oldFailures);
    expect(diff.findings.stillOpen.some((finding) => finding.resource.type === "alias")).toBe(true);
    expect(diff.findings.new).toEqual([]);
    expect(diff.findings.changed).toEqual([]);
    expect(diff.functions.scoreChanges).toEqual([]);
  });

  it("sums the score inputs of a version 1 result that listed every finding, as the engine counted them", async () => {
    const current = await check(await readSnapshot(demoSnapshotPath), { checks: ["function-url-auth-none", "role-admin-access", "function-tracing-disabled"] });
    // The same result as version 1 wrote it: every finding spelled out, checks by id, no tallies.
    const { tallies, ...summaryWithoutTallies } = current.summary;
    const asVersion1 = {
      ...current,
      schemaVersion: 1,
      checks: current.checks.map((info) => info.id),
      summary: summaryWithoutTallies,
      findings: expandedFindings(current).map(({ accountId: _accountId, ...finding }) => finding),
      resources: undefined,
    };
    const dir = mkdtempSync(join(tmpdir(), "lp-read-v1-"));
    const file = join(dir, "info.json");
    writeFileSync(file, JSON.stringify(asVersion1));
    const read = await readResult(file);
    expect(tallies).toBeDefined();
    expect(read.summary.tallies).toEqual(tallies);
  });

  it("refuses a version 1 result whose silent checks this version does not know, and a version 2 result with dangling references", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lp-read-v1-"));
    const unknownCheck = join(dir, "unknown-check.json");
    writeFileSync(unknownCheck, JSON.stringify({ ...version1, checks: [...version1.checks, "retired-check"] }));
    await expect(readResult(unknownCheck)).rejects.toThrow(/unknown-check\.json: .*checks this version does not know .*\(retired-check\)/);
    // Without the catalogue (the diff layer alone), every silent check is unknown.
    await expect(readScanResult(VERSION_1_FILE)).rejects.toThrow(/function-tracing-disabled/);

    const current = await readResult(VERSION_1_FILE);
    const dangling = join(dir, "dangling.json");
    writeFileSync(dangling, JSON.stringify({ ...current, findings: [{ ...current.findings[0], resource: current.resources.length }] }));
    await expect(readResult(dangling)).rejects.toThrow(/dangling\.json: .*findings\[0\]\.resource \d+ is past the end of resources/);
    const strayCheck = join(dir, "stray-check.json");
    writeFileSync(strayCheck, JSON.stringify({ ...current, findings: [{ ...current.findings[0], checkId: "nowhere" }] }));
    await expect(readResult(strayCheck)).rejects.toBeInstanceOf(InputError);
    await expect(readResult(strayCheck)).rejects.toThrow(/findings\[0\]\.checkId "nowhere" is not in checks/);
  });
});
