import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationResult } from "../../src/engine/organization.js";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { runCliInProcess } from "../support/run-cli.js";
import { EU, fixtureAccount } from "./fixture/account.js";

let stub: Stub;
const MANAGEMENT = fixtureAccount().accountId;

beforeAll(async () => {
  stub = await startStub({
    account: { ...fixtureAccount(), organization: { id: "o-exampleorg1", managementAccountId: MANAGEMENT, rootId: "r-ab12" } },
    quotas: false,
  });
});
afterAll(async () => {
  await stub.close();
});

describe("organisation scan of the management account alone", () => {
  it("lists the organisation, scans the starting account with its own credentials and writes the layout", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lambda-posture-org-"));
    const run = await runCliInProcess(["scan", "--organization", "--regions", EU, "--output-dir", dir, "--format", "json,csv"], {
      env: stubEnvironment(stub.url),
    });
    expect(run.stderr).toContain("[1/1]");
    expect(run.code).toBe(0);
    const files = await readdir(dir);
    const manifest = files.find((name) => /^lambda-posture-organization-\d{8}T\d{6}Z\.json$/.test(name));
    expect(manifest).toBeDefined();
    const organization = JSON.parse(await readFile(join(dir, manifest as string), "utf8")) as OrganizationResult;
    expect(organization.summary.accounts).toEqual({ total: 1, scanned: 1, failed: 0, skipped: 0 });
    expect(organization.organization).toEqual({ id: "o-exampleorg1", managementAccountId: MANAGEMENT });
    const accountFiles = await readdir(join(dir, "accounts", MANAGEMENT));
    expect(accountFiles.sort().map((name) => name.replace(/\d{8}T\d{6}Z/, "STAMP"))).toEqual([
      `lambda-posture-${MANAGEMENT}-STAMP.csv`,
      `lambda-posture-${MANAGEMENT}-STAMP.json`,
      `lambda-posture-${MANAGEMENT}-STAMP.snapshot.json`,
    ]);
  });
});
