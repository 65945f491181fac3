import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OrganizationResultBuilder, organizationResultSchema, type OrganizationResult } from "../../src/engine/organization.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { check } from "../../src/index.js";
import { TOOL } from "../../src/package-info.js";
import { mergeInputFiles, mergeResults, readMergeInput } from "../../src/library/merge.js";
import { fixtureSnapshot } from "../e2e/fixture/account.js";

const A = "111111111111";
const B = "222222222222";
const C = "333333333333";
let results: Record<string, ScanResult>;

/** The fixture account under another id: a different account with the same estate. */
async function resultOf(accountId: string): Promise<ScanResult> {
  const snapshot = JSON.parse(JSON.stringify(fixtureSnapshot()).replaceAll("111122223333", accountId)) as ReturnType<typeof fixtureSnapshot>;
  return check(snapshot, { startedAt: new Date("2026-11-30T10:00:00Z") });
}

const identity = (accountId: string) => ({ accountId, name: `account ${accountId}`, state: "ACTIVE", parentId: "r-ab12" });
const meta = (shard: OrganizationResult["selection"]["shard"]) => ({
  scanId: `scan-${shard?.index ?? 0}`,
  tool: { ...TOOL },
  startedAt: "2026-11-30T10:00:00.000Z",
  finishedAt: "2026-11-30T10:05:00.000Z",
  partition: "aws",
  organization: { id: "o-abcdefghij", managementAccountId: A },
  selection: { source: "organization" as const, organizationalUnits: [], excluded: [], shard },
});

function organizationOf(accounts: string[], shard: OrganizationResult["selection"]["shard"], failed: string[] = []): OrganizationResult {
  const builder = new OrganizationResultBuilder();
  for (const id of accounts) builder.addScanned({ identity: identity(id), result: results[id] as ScanResult, files: { json: `accounts/${id}/r.json` } });
  for (const id of failed) {
    builder.addUnscanned({ identity: identity(id), status: "failed", reason: "AccessDenied", errorCode: "AccessDenied", gap: { service: "sts", operation: "AssumeRole", region: "global", errorCode: "AccessDenied", message: "denied" } });
  }
  return organizationResultSchema.parse(builder.build(meta(shard)));
}

const comparable = (organization: OrganizationResult) => ({ ...organization, scanId: "", selection: { ...organization.selection, shard: null } });

beforeAll(async () => {
  results = { [A]: await resultOf(A), [B]: await resultOf(B) };
});

describe("merge", () => {
  it("merging shards gives the organisation result one process would have built", () => {
    const whole = organizationOf([A, B], null, [C]);
    const merged = mergeResults([
      { fileName: "shard-1.json", organization: organizationOf([A], { index: 1, count: 3 }) },
      { fileName: "shard-3.json", organization: organizationOf([], { index: 3, count: 3 }, [C]) },
      { fileName: "shard-2.json", organization: organizationOf([B], { index: 2, count: 3 }) },
    ]);
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(merged.summary.accounts).toEqual({ total: 3, scanned: 2, failed: 1, skipped: 0 });
    // Scores come from the tallies: two identical estates score as one.
    expect(merged.summary.score).toBe(results[A]?.summary.score);
    expect(merged.findings.length).toBe(2 * (results[A] as ScanResult).findings.filter((f) => f.status === "fail" || f.status === "unknown").length);
  });

  it("takes per-account scan results as well, and refuses an account given twice", () => {
    const merged = mergeResults([
      { fileName: "a.json", result: results[A] as ScanResult },
      { fileName: "org.json", organization: organizationOf([B], null) },
    ]);
    expect(merged.accounts.map((account) => [account.accountId, account.status])).toEqual([[A, "scanned"], [B, "scanned"]]);
    expect(merged.selection.source).toBe("results");
    expect(() =>
      mergeResults([
        { fileName: "a.json", result: results[A] as ScanResult },
        { fileName: "org.json", organization: organizationOf([A], null) },
      ]),
    ).toThrow(`account ${A} is in both a.json and org.json`);
  });

  it("reads a directory's organisation results, or else the newest result of each account", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lambda-posture-merge-"));
    await writeFile(join(dir, "lambda-posture-organization-20261130T100000Z-shard-1-of-2.json"), JSON.stringify(organizationOf([A], { index: 1, count: 2 })));
    await writeFile(join(dir, "lambda-posture-organization-20261130T100100Z-shard-2-of-2.json"), JSON.stringify(organizationOf([B], { index: 2, count: 2 })));
    const files = await mergeInputFiles([dir]);
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual([
      "lambda-posture-organization-20261130T100000Z-shard-1-of-2.json",
      "lambda-posture-organization-20261130T100100Z-shard-2-of-2.json",
    ]);
    const inputs = await Promise.all(files.map(readMergeInput));
    expect(mergeResults(inputs).summary.accounts.scanned).toBe(2);

    const accountsOnly = await mkdtemp(join(tmpdir(), "lambda-posture-merge-"));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(accountsOnly, "accounts", A), { recursive: true });
    await writeFile(join(accountsOnly, "accounts", A, `lambda-posture-${A}-20261123T100000Z.json`), JSON.stringify(results[A]));
    await writeFile(join(accountsOnly, "accounts", A, `lambda-posture-${A}-20261130T100000Z.json`), JSON.stringify(results[A]));
    await writeFile(join(accountsOnly, "accounts", A, `lambda-posture-${A}-20261130T100000Z.snapshot.json`), "{}");
    expect((await mergeInputFiles([accountsOnly])).map((file) => file.slice(accountsOnly.length + 1))).toEqual([`accounts/${A}/lambda-posture-${A}-20261130T100000Z.json`]);

    const empty = await mkdtemp(join(tmpdir(), "lambda-posture-merge-"));
    await expect(mergeInputFiles([empty])).rejects.toThrow(/no organisation result .* and no per-account result/);
  });
});
