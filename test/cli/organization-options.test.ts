import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileStamp, parseAccountsFile, parseShard } from "../../src/cli/organization.js";
import { planAccounts, shardSlice } from "../../src/library/account-selection.js";
import { runCliInProcess } from "../support/run-cli.js";

const ids = (count: number) => Array.from({ length: count }, (_, i) => String(100000000000 + i * 7));
// Nothing listens on port 9: a dry run that sent anything would fail, not hang.
const NO_AWS = { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "eu-west-1", AWS_EC2_METADATA_DISABLED: "true" };

describe("--shard", () => {
  it("reads INDEX/COUNT (1-based) and auto/COUNT from the scheduler's 0-based index", () => {
    expect(parseShard("2/5", {})).toEqual({ index: 2, count: 5 });
    expect(parseShard("auto/4", { AWS_BATCH_JOB_ARRAY_INDEX: "0" })).toEqual({ index: 1, count: 4 });
    expect(parseShard("auto/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 4, count: 4 });
    expect(parseShard(undefined, {})).toBeUndefined();
  });

  it("refuses an index outside the count, and auto without a scheduler index", () => {
    expect(() => parseShard("0/3", {})).toThrow(/between 1 and 3/);
    expect(() => parseShard("4/3", {})).toThrow(/between 1 and 3/);
    expect(() => parseShard("auto/3", { JOB_COMPLETION_INDEX: "3" })).toThrow(/0-based: 0 to 2/);
    expect(() => parseShard("auto/3", {})).toThrow(/AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX/);
    expect(() => parseShard("auto/3", { AWS_BATCH_JOB_ARRAY_INDEX: "x" })).toThrow(/not a whole number/);
  });

  it("gives every account to exactly one shard, round-robin over the sorted ids", () => {
    const accounts = ids(10).reverse().map((accountId) => ({ accountId }));
    const slices = [1, 2, 3].map((index) => shardSlice(accounts, { index, count: 3 }).map((a) => a.accountId));
    expect(slices.map((slice) => slice.length)).toEqual([4, 3, 3]);
    expect(slices.flat().sort()).toEqual(ids(10).sort());
    expect(slices[0]).toEqual([ids(10)[0], ids(10)[3], ids(10)[6], ids(10)[9]]);
  });

  it("excludes before slicing, so shards stay balanced and an excluded account is in none", () => {
    const listed = ids(4).map((accountId) => ({ accountId, name: null, state: "ACTIVE", parentId: null }));
    const plan = planAccounts(listed, { organization: true, exclude: [ids(4)[1] as string, "999999999999"], shard: { index: 1, count: 2 } });
    expect(plan.accounts.map((a) => a.accountId)).toEqual([ids(4)[0], ids(4)[3]]);
    expect(plan.excluded).toEqual([ids(4)[1]]);
    expect(plan.otherShards).toBe(1);
  });
});

describe("--accounts-file", () => {
  it("reads one id a line with comments and blank lines, without duplicates", () => {
    expect(parseAccountsFile("# prod\n111111111111\n\n222222222222  # payments\r\n111111111111\n", "f")).toEqual(["111111111111", "222222222222"]);
  });
  it("names the file and line of a bad id, and refuses an empty list", () => {
    expect(() => parseAccountsFile("111111111111\n12345\n", "accounts.txt")).toThrow('accounts.txt:2: not an AWS account id: "12345"');
    expect(() => parseAccountsFile("# nothing\n", "accounts.txt")).toThrow("accounts.txt: no account id in the file");
  });
});

describe("fileStamp", () => {
  it("is UTC to the second and sorts by time", () => {
    expect(fileStamp(new Date("2026-11-30T23:05:09.123Z"))).toBe("20261130T230509Z");
  });
});

describe("organisation options on the command line", () => {
  const scan = (args: string[], env: Record<string, string> = {}) => runCliInProcess(["scan", ...args], { env: { ...NO_AWS, ...env } });

  it.each([
    [["--organization", "--role-name", "r"], "needs --output-dir DIR"],
    [["--organization", "--role-name", "r", "--output", "x.json", "--output-dir", "d"], "use --output-dir DIR, not --output"],
    [["--ou", "ou-ab12-aaaaaaaa", "--role-name", "r", "--output-dir", "d"], "--ou lists accounts with AWS Organizations: add --organization"],
    [["--accounts", "111111111111", "--organization", "--output-dir", "d"], "--organization lists the accounts itself"],
    [["--accounts", "11111111111x", "--role-name", "r", "--output-dir", "d"], 'not an AWS account id: "11111111111x"'],
    [["--organization", "--role-name", "r", "--role-arn", "arn:aws:iam::{accountId}:role/r", "--output-dir", "d"], "--role-name and --role-arn cannot be used together"],
    [["--organization", "--role-arn", "arn:aws:iam::111111111111:role/r", "--output-dir", "d"], "needs {accountId} where the account id goes"],
    [["--organization", "--role-name", "r", "--output-dir", "d", "--shard", "3/2"], "--shard 3/2: the index must be between 1 and 2"],
    [["--role-name", "r"], "--role-name choose among several accounts"],
    [["--role-arn", "arn:aws:iam::{accountId}:role/r"], "--role-arn with {accountId} is for several accounts"],
    [["--organization", "--role-name", "r", "--output-dir", "d", "--account-concurrency", "65"], "--account-concurrency (or LAMBDA_POSTURE_ACCOUNT_CONCURRENCY): must be at most 64"],
    [["--organization", "--role-name", "r", "--output-dir", "d", "--session-duration", "10m"], "--session-duration (or LAMBDA_POSTURE_SESSION_DURATION): expected a duration such as 1h or 45m, between 15m and 12h"],
  ])("%j exits 2: %s", async (args, message) => {
    const run = await scan(args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  it("--dry-run prints the plan, the shard slice and the file names, and sends nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lambda-posture-plan-"));
    const accountsFile = join(dir, "accounts.txt");
    await writeFile(accountsFile, `${ids(5).join("\n")}\n`);
    const run = await scan(
      ["--accounts-file", accountsFile, "--exclude-accounts", ids(5)[4] as string, "--role-name", "lambda-posture-reader", "--regions", "eu-west-1,us-east-1", "--output-dir", join(dir, "out"), "--shard", "auto/2", "--format", "json,xlsx", "--dry-run"],
      { AWS_BATCH_JOB_ARRAY_INDEX: "1" },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("accounts: 4 given, 2 in this shard");
    expect(run.stdout).toContain(`  ${ids(5)[1]}\n  ${ids(5)[3]}\n`);
    expect(run.stdout).toContain("shard: 2 of 2 (sorted account ids, round-robin)");
    expect(run.stdout).toContain("role in each account: arn:PARTITION:iam::ACCOUNT:role/lambda-posture-reader");
    expect(run.stdout).toContain("regions: eu-west-1, us-east-1");
    expect(run.stdout).toMatch(/organisation: .*\/out\/lambda-posture-organization-\d{8}T\d{6}Z-shard-2-of-2\.\{json,xlsx\}/);
    expect(run.stdout).toMatch(/per account: .*\/out\/accounts\/ACCOUNT\/lambda-posture-ACCOUNT-\d{8}T\d{6}Z\.\{snapshot\.json,json,xlsx\}/);
  });

  it("--dry-run warns about an accounts file it cannot read instead of failing", async () => {
    const run = await scan(["--accounts-file", "/nonexistent/accounts.txt", "--role-name", "r", "--output-dir", "/tmp/x", "--dry-run"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning: --accounts-file: cannot read /nonexistent/accounts.txt (ENOENT); a real run stops here with exit 2");
  });

  it("a real run refuses an unreadable accounts file before calling AWS", async () => {
    const run = await scan(["--accounts-file", "/nonexistent/accounts.txt", "--role-name", "r", "--output-dir", "/tmp/x"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--accounts-file: cannot read /nonexistent/accounts.txt (ENOENT)");
  });
});
