import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { generateSyntheticOrganization } from "../../stub/synthetic-organization.js";
import { runCliInProcess } from "../support/run-cli.js";
import { scratchDir } from "./scanner.js";

/*
 * Issue 12: an organisation scan writes, per account, the same snapshot and result that `scan` of that
 * account alone writes (same stub, same credentials), apart from ids and timestamps. Two accounts: the
 * management account, read with its own credentials, and a member, entered through its reader role.
 * The fields that legitimately differ are replaced below, each with its reason; anything else that
 * differs fails the test.
 */

const REGIONS = ["eu-west-1", "us-east-1"];
const organization = generateSyntheticOrganization({ accounts: 2, functionsPerAccount: 4, regions: REGIONS, seed: 12 });
let stub: Stub;

beforeAll(async () => {
  stub = await startStub({ account: organization.management, members: organization.members, quotas: false });
});
afterAll(async () => {
  await stub.close();
});

/**
 * Fields that differ between two runs of the same scan, whatever runs them:
 * - `collectedAt` (snapshot): when the collection ran;
 * - `scanId` (result): a fresh id per scan (an organisation scan's accounts carry `ORGANISATION-ID:ACCOUNT`);
 * - `startedAt`, `finishedAt` (result): when the scan ran;
 * - `judgedAt` (a finding's evidence): checks judge dated facts at the snapshot's `collectedAt`.
 * A key of that name is replaced wherever it is; every other field must be equal.
 */
const DIFFERS_BY_RUN = new Set(["collectedAt", "scanId", "startedAt", "finishedAt", "judgedAt"]);

function normalised(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) => (DIFFERS_BY_RUN.has(key) ? `<${key}>` : value));
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, "utf8"));
}

describe("per-account files of an organisation scan", () => {
  it("equal `scan` of each account alone, apart from ids and timestamps", async () => {
    const env = stubEnvironment(stub.url);
    const outputDir = await scratchDir();
    const whole = await runCliInProcess(
      ["scan", "--organization", "--role-name", organization.readerRoleName, "--regions", REGIONS.join(","), "--output-dir", outputDir, "--format", "json", "--quiet"],
      { env },
    );
    expect(whole.stderr).toBe("");
    expect(whole.code).toBe(0);
    expect((await readdir(join(outputDir, "accounts"))).sort()).toEqual(organization.activeAccountIds);

    for (const accountId of organization.activeAccountIds) {
      const accountDir = join(outputDir, "accounts", accountId);
      const files = await readdir(accountDir);
      const snapshotName = files.find((name) => name.endsWith(".snapshot.json")) as string;
      const resultName = files.find((name) => name.endsWith(".json") && !name.endsWith(".snapshot.json")) as string;
      expect(files).toHaveLength(2);

      const aloneDir = await scratchDir();
      const own = accountId === organization.management.accountId;
      const alone = await runCliInProcess(
        [
          "scan",
          "--regions",
          REGIONS.join(","),
          // The organisation scan enters a member with its reader role and reads the starting account with its own credentials: so does this.
          ...(own ? [] : ["--role-arn", `arn:aws:iam::${accountId}:role/${organization.readerRoleName}`]),
          "--format",
          "json",
          "--output",
          join(aloneDir, "result.json"),
          "--snapshot-out",
          join(aloneDir, "snapshot.json"),
          "--quiet",
        ],
        { env },
      );
      expect(alone.stderr).toBe("");
      expect(alone.code).toBe(0);

      const snapshot = await readJson(join(accountDir, snapshotName));
      const aloneSnapshot = await readJson(join(aloneDir, "snapshot.json"));
      expect((snapshot as { accountId: string }).accountId).toBe(accountId);
      expect((snapshot as { functions: unknown[] }).functions).toHaveLength(4);
      expect(normalised(snapshot)).toEqual(normalised(aloneSnapshot));

      const result = await readJson(join(accountDir, resultName));
      const aloneResult = await readJson(join(aloneDir, "result.json"));
      expect((result as { accountId: string }).accountId).toBe(accountId);
      expect(normalised(result)).toEqual(normalised(aloneResult));
    }
  });
});
