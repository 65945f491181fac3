import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPermissionsPolicy } from "../../src/aws/allow-list.js";
import { buildMemberRoleTemplate } from "../../src/aws/member-role-template.js";
import { TOOL } from "../../src/package-info.js";
import { runCliInProcess as runCli } from "../support/run-cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-permissions-"));
});

describe("lambda-posture permissions", () => {
  it("prints the IAM policy by default and for --format policy, in the --partition asked for", async () => {
    const plain = await runCli(["permissions"]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual(buildPermissionsPolicy("aws"));
    // LAMBDA_POSTURE_FORMAT is meant for reports; permissions takes --format from its flags only.
    const reportsVariable = await runCli(["permissions"], { env: { LAMBDA_POSTURE_FORMAT: "json,csv" } });
    expect(JSON.parse(reportsVariable.stdout)).toEqual(buildPermissionsPolicy("aws"));
    const china = await runCli(["permissions", "--format", "policy", "--partition", "aws-cn"]);
    expect(JSON.parse(china.stdout)).toEqual(buildPermissionsPolicy("aws-cn"));
  });

  it("--help names both formats, and no variable for --format (it is a flag only here)", async () => {
    const help = await runCli(["permissions", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--format policy|cloudformation");
    expect(help.stdout).toMatch(/--format FORMAT +Output format/);
    expect(help.stdout).not.toContain("LAMBDA_POSTURE_FORMAT");
    expect((await runCli(["scan", "--help"])).stdout).toContain("LAMBDA_POSTURE_FORMAT");
  });

  it("--format cloudformation prints the member-role template as JSON", async () => {
    const run = await runCli(["permissions", "--format", "cloudformation"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(buildMemberRoleTemplate(TOOL.version));
  });

  it("--output writes the template to a private file (what the StackSet commands read)", async () => {
    const path = join(dir, "member-role.json");
    const run = await runCli(["permissions", "--format", "cloudformation", "--output", path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`wrote ${path}`);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(buildMemberRoleTemplate(TOOL.version));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await runCli(["permissions", "--output", path, "--quiet"])).stderr).toBe("");
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(buildPermissionsPolicy("aws"));
  });

  it.each([
    [["--format", "yaml"], /permissions writes policy or cloudformation, not yaml/],
    [["--format", "policy,cloudformation"], /one --format at a time/],
    [["--format", "cloudformation", "--partition", "aws-cn"], /template takes its partition from the stack/],
    [["--partition", "AWS"], /not an AWS partition/],
    [["extra"], /unexpected argument extra/],
  ])("refuses %j with exit 2", async (args, message) => {
    const run = await runCli(["permissions", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("refuses an --output that is a directory before writing anything", async () => {
    const run = await runCli(["permissions", "--format", "cloudformation", "--output", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is a directory");
    expect(run.stdout).toBe("");
  });
});
