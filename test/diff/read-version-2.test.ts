import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { diffScanResults, readScanResult } from "../../src/diff/index.js";
import { toResultDocument } from "../../src/engine/result-document.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { InputError } from "../../src/errors.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { jsonReporter } from "../../src/report/json.js";
import { readSnapshot } from "../../src/snapshot/io.js";
import { evaluateForTest } from "../support/evaluate.js";

/**
 * Version 3 documents list passed and not-applicable findings by resource index (`compactFindings`);
 * version 2 documents listed every finding in `findings`. Both read back as the same result.
 */
let result: ScanResult;
let dir: string;

beforeAll(async () => {
  result = await evaluateForTest(await readSnapshot(demoSnapshotPath), { checks: ALL_CHECKS, now: new Date("2026-11-20T00:00:00Z") });
  dir = mkdtempSync(join(tmpdir(), "lp-read-v2-"));
});

const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
};

describe("scan result documents", () => {
  it("orders each check's findings by resource index, so a document's two lists read back in order", () => {
    let previous: { checkId: string; resource: number } | undefined;
    for (const finding of result.findings) {
      if (previous?.checkId === finding.checkId) expect(finding.resource).toBeGreaterThan(previous.resource);
      previous = finding;
    }
    // An invoke-target check names aliases and versions, whose resources come after the functions'.
    expect(result.resources.some((resource) => resource.type === "alias")).toBe(true);
  });

  it("reads a version 3 document (as the JSON reporter writes it) back as the result", async () => {
    const path = write("v3.json", jsonReporter.render({ result, checks: ALL_CHECKS, color: false, width: 80 }) as string);
    await expect(readScanResult(path)).resolves.toEqual(result);
    const document = toResultDocument(result);
    const listed = document.findings.length + (document.compactFindings ?? []).reduce((sum, group) => sum + group.resources.length, 0);
    expect(listed).toBe(result.findings.length);
    expect(document.findings.length).toBeLessThan(result.findings.length);
  });

  it("reads a version 2 document (every finding in findings) as the same result, and diffs it with a version 3 one unchanged", async () => {
    const v2 = write("v2.json", { ...result, schemaVersion: 2 });
    const v3 = write("v3-for-diff.json", jsonReporter.render({ result, checks: ALL_CHECKS, color: false, width: 80 }) as string);
    const old = await readScanResult(v2);
    expect(old).toEqual(result);
    const diff = diffScanResults(old, await readScanResult(v3));
    expect(diff.findings.new).toEqual([]);
    expect(diff.findings.resolved).toEqual([]);
    expect(diff.findings.changed).toEqual([]);
  });

  it("refuses compact findings of a check the result does not list, or on a resource it does not have", async () => {
    const document = toResultDocument(result);
    const group = (document.compactFindings ?? [])[0];
    expect(group).toBeDefined();
    const strayCheck = write("stray.json", { ...document, compactFindings: [{ ...group, checkId: "nowhere" }] });
    await expect(readScanResult(strayCheck)).rejects.toBeInstanceOf(InputError);
    await expect(readScanResult(strayCheck)).rejects.toThrow(/checkId "nowhere" is not in checks/);
    const dangling = write("dangling.json", { ...document, compactFindings: [{ ...group, resources: [result.resources.length] }] });
    await expect(readScanResult(dangling)).rejects.toThrow(/is past the end of resources/);
    const failing = write("failing.json", { ...document, compactFindings: [{ ...group, status: "fail" }] });
    await expect(readScanResult(failing)).rejects.toThrow(/compactFindings\[0\]\.status/);
  });
});
