import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationResult } from "../../src/engine/organization.js";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { generateSyntheticOrganization } from "../../stub/synthetic-organization.js";
import { runCliInProcess } from "../support/run-cli.js";

const organization = generateSyntheticOrganization({ accounts: 5, functionsPerAccount: 6, regions: ["eu-west-1"], seed: 7, unassumable: 1, suspended: 1 });
let stub: Stub;

beforeAll(async () => {
  stub = await startStub({ account: organization.management, members: organization.members, quotas: false });
});
afterAll(async () => {
  await stub.close();
});

async function organizationScan(extra: string[]): Promise<{ code: number; dir: string; result: OrganizationResult; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), "lambda-posture-org-e2e-"));
  const run = await runCliInProcess(["scan", "--organization", "--role-name", organization.readerRoleName, "--regions", "eu-west-1", "--output-dir", dir, ...extra], { env: stubEnvironment(stub.url) });
  const manifest = (await readdir(dir)).find((name) => name.startsWith("lambda-posture-organization-") && name.endsWith(".json"));
  if (!manifest) throw new Error(`no organisation result (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  return { code: run.code ?? 1, dir, stderr: run.stderr, result: JSON.parse(await readFile(join(dir, manifest), "utf8")) as OrganizationResult };
}

const comparable = (result: OrganizationResult) => ({
  summary: result.summary,
  accounts: result.accounts.map(({ accountId, status, errorCode, summary }) => ({ accountId, status, errorCode, score: summary?.score ?? null })),
  // Apart from ids and times: a check's evidence records when it judged.
  findings: result.findings.map((finding) => ({ ...finding, evidence: { ...finding.evidence, judgedAt: undefined }, resource: result.resources[finding.resource]?.arn })),
});

describe("organisation scan against a stub organisation of 5 accounts", () => {
  it("scans 3, reports the unassumable one as failed and skips the suspended one; shards merged equal one process", async () => {
    const whole = await organizationScan(["--account-concurrency", "5"]);
    expect(whole.result.summary.accounts).toEqual({ total: 5, scanned: 3, failed: 1, skipped: 1 });
    expect(whole.result.accounts.find((a) => a.accountId === organization.unassumableAccountIds[0])?.errorCode).toBe("AccessDenied");
    expect(whole.result.accounts.find((a) => a.accountId === organization.suspendedAccountIds[0])?.status).toBe("skipped");
    expect(whole.code).toBe(0);

    const shards = [];
    for (const index of [1, 2, 3]) shards.push(await organizationScan(["--shard", `${index}/3`]));
    expect(shards.map((shard) => shard.result.accounts.length)).toEqual([2, 2, 1]);
    const mergedDir = await mkdtemp(join(tmpdir(), "lambda-posture-org-merged-"));
    const merge = await runCliInProcess(["merge", ...shards.map((shard) => shard.dir), "--output-dir", mergedDir], { env: stubEnvironment(stub.url) });
    expect(merge.code).toBe(0);
    const mergedFile = (await readdir(mergedDir)).find((name) => name.endsWith(".json")) as string;
    const merged = JSON.parse(await readFile(join(mergedDir, mergedFile), "utf8")) as OrganizationResult;
    expect(comparable(merged)).toEqual(comparable(whole.result));
  });
});
