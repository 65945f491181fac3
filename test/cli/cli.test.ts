import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scanResultSchema } from "../../src/engine/result-schema.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { CLI, cliEnvironment, spawnCli } from "../support/cli.js";
import { runCliInProcess as runCli } from "../support/run-cli.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

let dir: string;
let cleanSnapshot: string;
let urlSnapshot: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-cli-"));
  cleanSnapshot = join(dir, "clean.json");
  urlSnapshot = join(dir, "url.json");
  await writeFile(cleanSnapshot, JSON.stringify(snapshotWith({ functions: [secureFunction()] })));
  await writeFile(
    urlSnapshot,
    JSON.stringify(snapshotWith({ functions: [secureFunction({ url: { authType: "NONE", cors: null } })] })),
  );
});

describe("lambda-posture CLI (in process, through runCli)", () => {
  it("--version and --help exit 0", async () => {
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCli(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--snapshot FILE");
    expect(help.stdout).toContain("LAMBDA_POSTURE_FAIL_ON");
  });

  it("check exits 0 when nothing is at or above --fail-on", async () => {
    const run = await runCli(["check", "--snapshot", cleanSnapshot, "--checks", "function-url-auth-none,function-tracing-disabled,function-runtime-deprecated", "--fail-on", "high", "--format", "json", "--quiet"]);
    expect(run.code).toBe(0);
    const result = scanResultSchema.parse(JSON.parse(run.stdout));
    expect(result.summary.counts.failedBySeverity.critical).toBe(0);
  });

  it("check exits 1 with findings at or above --fail-on", async () => {
    const run = await runCli(["check", "--snapshot", urlSnapshot, "--fail-on", "critical", "--quiet"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("function-url-auth-none");
  });

  it("--fail-on comes from LAMBDA_POSTURE_FAIL_ON, and a flag overrides it", async () => {
    expect((await runCli(["check", "--snapshot", urlSnapshot, "--quiet"], { env: { LAMBDA_POSTURE_FAIL_ON: "high" } })).code).toBe(1);
    expect((await runCli(["check", "--snapshot", urlSnapshot, "--quiet", "--fail-on", "none"], { env: { LAMBDA_POSTURE_FAIL_ON: "high" } })).code).toBe(0);
    expect((await runCli(["check", "--snapshot", urlSnapshot, "--quiet", "--skip-checks", "function-url-auth-none"], { env: { LAMBDA_POSTURE_FAIL_ON: "critical", LAMBDA_POSTURE_CHECKS: "function-url-auth-none,function-tracing-disabled" } })).code).toBe(0);
  });

  it("reads options from the config file", async () => {
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ failOn: "critical", severity: "high" }));
    const run = await runCli(["check", "--snapshot", urlSnapshot, "--config", config, "--format", "json", "--quiet"]);
    expect(run.code).toBe(1);
    const result = scanResultSchema.parse(JSON.parse(run.stdout));
    expect(result.filters.minimumSeverity).toBe("high");
  });

  it("applies check thresholds from the config file (trusted accounts)", async () => {
    const partnerPolicy = {
      Version: "2012-10-17",
      Statement: [{ Sid: "partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "lambda:InvokeFunction", Resource: "*" }],
    };
    const snapshot = join(dir, "partner.json");
    await writeFile(snapshot, JSON.stringify(snapshotWith({ functions: [secureFunction({ resourcePolicy: partnerPolicy })] })));
    const only = ["--checks", "function-policy-cross-account-invoke", "--format", "json", "--quiet"];
    const untrusted = scanResultSchema.parse(JSON.parse((await runCli(["check", "--snapshot", snapshot, ...only])).stdout));
    expect(untrusted.findings[0]).toMatchObject({ status: "fail" });
    const config = join(dir, "trust.json");
    await writeFile(config, JSON.stringify({ checkSettings: { trustedAccountIds: ["444455556666"] } }));
    const trusted = scanResultSchema.parse(JSON.parse((await runCli(["check", "--snapshot", snapshot, "--config", config, ...only])).stdout));
    expect(trusted.findings[0]).toMatchObject({ status: "pass" });
    await writeFile(config, JSON.stringify({ checkSettings: { trustedAccountIds: ["4444"] } }));
    const bad = await runCli(["check", "--snapshot", snapshot, "--config", config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/trust\.json: not a valid lambda-posture config file:\n.*checkSettings\.trustedAccountIds\[0\]: expected a 12-digit AWS account id/);
  });

  it.each([
    [["check", "--snapshot", "x.json", "--fial-on", "high"], /unknown option --fial-on .*did you mean --fail-on/],
    [["check", "--snapshot", "x.json", "--fail-on", "severe"], /--fail-on .*severe/],
    [["check"], /check needs --snapshot FILE/],
    [["chekc"], /unknown command chekc \(did you mean check\?\)/],
    [["check", "--snapshot", "x.json", "--format", "pdf"], /unknown format pdf/],
    [["check", "--snapshot", "x.json", "--checks", "function-url-auth-nope"], /no check with id function-url-auth-nope \(did you mean function-url-auth-none\?\)/],
    [["check", "--snapshot", "x.json", "--format", "json", "--format", "csv"], /several formats need --output-dir/],
  ])("exits 2 with one clear line for bad usage: %j", async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 for a corrupt or invalid snapshot, naming the file and the path", async () => {
    const corrupt = join(dir, "corrupt.json");
    await writeFile(corrupt, '{"schemaVersion": 1, "functions": [');
    const broken = await runCli(["check", "--snapshot", corrupt]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("corrupt.json: the snapshot is not valid JSON");

    const invalid = join(dir, "invalid.json");
    const raw = JSON.parse(await readFile(cleanSnapshot, "utf8"));
    raw.functions[0].packageType = "Jar";
    await writeFile(invalid, JSON.stringify(raw));
    const run = await runCli(["check", "--snapshot", invalid]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("invalid.json: not a valid lambda-posture snapshot");
    expect(run.stderr).toContain("functions[0].packageType");
  });

  it("exits 2 before any work when a report cannot be written", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "x");
    const run = await runCli(["check", "--snapshot", cleanSnapshot, "--format", "json", "--output", join(file, "result.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--output: cannot write .*a-file\/result\.json \(.*a-file is not a directory\)/);
    expect(run.stderr).not.toContain("checking");
  });

  it("refuses, before any AWS call, an output path that is a directory, a symlink or a FIFO", async () => {
    const directory = join(dir, "a-directory");
    await mkdir(directory, { recursive: true });
    const reports = join(dir, "reports-with-a-directory");
    await mkdir(join(reports, "lambda-posture.json"), { recursive: true });
    const link = join(dir, "a-link");
    await symlink(join(dir, "elsewhere"), link);
    const fifo = join(dir, "a-fifo");
    execFileSync("mkfifo", [fifo]);
    // No credentials and no endpoint: had the scan started, it would exit 3, not 2.
    const cases: [string[], RegExp][] = [
      // (`--output DIR` of an existing directory writes into it: then a directory where a report goes is refused.)
      [["scan", "--regions", "eu-west-1", "--format", "json", "--output", reports], /^lambda-posture: --output-dir: .*lambda-posture\.json is a directory/],
      [["scan", "--regions", "eu-west-1", "--snapshot-out", link], /^lambda-posture: --snapshot-out: .*a-link is a symbolic link/],
      [["collect", "--regions", "eu-west-1", "--output", fifo], /^lambda-posture: --output: .*a-fifo is a FIFO/],
      [["collect", "--regions", "eu-west-1", "--output", directory], /^lambda-posture: --output: .*a-directory is a directory/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("exits 2 for an invalid suppressions file", async () => {
    const suppressions = join(dir, "suppressions.json");
    await writeFile(suppressions, JSON.stringify({ suppressions: [{ checkId: "function-url-auth-none", resource: "*", reason: "ok" }] }));
    const run = await runCli(["check", "--snapshot", urlSnapshot, "--suppressions", suppressions]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/suppressions\[0\]\.reason: a suppression needs a reason of at least 10 characters/);
  });

  it("a suppressed finding no longer trips --fail-on and stays in the output, marked", async () => {
    const suppressions = join(dir, "accepted.json");
    await writeFile(
      suppressions,
      JSON.stringify({ suppressions: [{ checkId: "function-url-auth-none", resource: "arn:aws:lambda:*:*:function:*", reason: "Public by design: webhook with HMAC" }] }),
    );
    const run = await runCli(["check", "--snapshot", urlSnapshot, "--checks", "function-url-auth-none", "--suppressions", suppressions, "--fail-on", "critical", "--format", "json", "--quiet"]);
    expect(run.code).toBe(0);
    const finding = scanResultSchema.parse(JSON.parse(run.stdout)).findings.find((f) => f.checkId === "function-url-auth-none");
    expect(finding).toMatchObject({ status: "fail", suppressed: { reason: "Public by design: webhook with HMAC" } });
  });

  it("demo writes the reports to the output directory and prints the summary", async () => {
    const out = join(dir, "demo-out");
    const run = await runCli(["demo", "--output-dir", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Account score");
    expect(run.stdout).toContain("Worst functions");
    const json = scanResultSchema.parse(JSON.parse(await readFile(join(out, "lambda-posture.json"), "utf8")));
    const snapshot = JSON.parse(await readFile(demoSnapshotPath, "utf8"));
    expect(json.summary.functions).toBe(snapshot.functions.length);
    const csv = await readFile(join(out, "lambda-posture.csv"), "utf8");
    expect(csv.split("\r\n").filter((line) => line.startsWith("critical,") || line.startsWith("high,")).length).toBeGreaterThan(0);
    expect((await stat(join(out, "lambda-posture.json"))).mode & 0o777).toBe(0o600);
  });

  it("check --baseline diffs against a previous result and --fail-on-new trips only on new findings", async () => {
    const out = join(dir, "baseline-out");
    const only = ["--checks", "function-url-auth-none,function-tracing-disabled", "--quiet"];
    const before = await runCli(["check", "--snapshot", cleanSnapshot, "--format", "json", "--output", join(dir, "before.json"), ...only]);
    expect(before.code).toBe(0);
    const same = await runCli(["check", "--snapshot", cleanSnapshot, "--baseline", join(dir, "before.json"), "--fail-on-new", "high", "--output-dir", out, "--format", "json", ...only]);
    expect(same.code).toBe(0);
    const worse = await runCli(["check", "--snapshot", urlSnapshot, "--baseline", join(dir, "before.json"), "--fail-on-new", "high", "--output-dir", out, "--format", "json", ...only]);
    expect(worse.code).toBe(1);
    const diff = JSON.parse(await readFile(join(out, "lambda-posture.diff.json"), "utf8"));
    expect(JSON.stringify(diff)).toContain("function-url-auth-none");
    expect((await runCli(["check", "--snapshot", urlSnapshot, "--fail-on-new", "high"])).stderr).toContain("--fail-on-new needs --baseline");
  });

  it("checks lists every check, as a table and as JSON", async () => {
    const table = await runCli(["checks"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("function-url-auth-none");
    const json = await runCli(["checks", "--format", "json"]);
    const list = JSON.parse(json.stdout) as { id: string; requires: string[] }[];
    expect(list.map((c) => c.id)).toContain("function-runtime-deprecated");
    expect(list.every((c) => Array.isArray(c.requires))).toBe(true);
  });
});

describe("live commands without AWS", () => {
  const fakeCredentials = { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AWS_REGION: "eu-west-1" };

  it("scan exits 3 with one clear line when no AWS endpoint is reachable", async () => {
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    const run = await runCli(["scan", "--regions", "eu-west-1", "--quiet"], { env: { ...fakeCredentials, AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot identify the AWS account: .*ECONNREFUSED/);
  });

  it("scan exits 2 for a malformed region, and collect needs --output", async () => {
    expect((await runCli(["scan", "--regions", "eu-west"], { env: fakeCredentials })).stderr).toContain("eu-west is not a region name");
    const collect = await runCli(["collect", "--regions", "eu-west-1"], { env: fakeCredentials });
    expect(collect.code).toBe(2);
    expect(collect.stderr).toContain("collect needs --output FILE");
  });

  it("permissions prints a policy of read-only actions", async () => {
    const run = await runCli(["permissions"]);
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout) as { Statement: { Action: string[] | string }[] };
    const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:(List|Get|Describe|BatchGet|GET)/);
  });
});

/**
 * The few tests that run the built bin as a child process: what only a real process shows. Everything
 * else above runs in process through runCli(argv, io), which is where the behaviour lives.
 */
describe("the built bin (spawned)", () => {
  it("runs: --version exits 0 and prints the version", () => {
    const run = spawnCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.stderr).toBe("");
  });

  it("sets the exit code through process.exitCode and keeps results on stdout, progress on stderr", () => {
    const run = spawnCli(["check", "--snapshot", urlSnapshot, "--fail-on", "critical", "--format", "json"]);
    expect(run.code).toBe(1);
    // stdout is the JSON document and nothing else; the progress line went to stderr.
    const result = scanResultSchema.parse(JSON.parse(run.stdout));
    expect(result.findings.find((f) => f.checkId === "function-url-auth-none")?.status).toBe("fail");
    expect(run.stderr).toMatch(/^checking 1 function\(s\) of account \d{12} with \d+ check\(s\)$/m);
    expect(run.stderr).not.toContain("{");
  });

  it("ends quietly with 0 when the reader closes the pipe early (`checks | head -1`)", () => {
    // Enough output that the pipe is closed while the CLI is still writing.
    const shell = `node ${JSON.stringify(CLI)} checks --format json | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const run = spawnSync("bash", ["-c", shell], { encoding: "utf8", env: cliEnvironment(), timeout: 30_000 });
    expect(run.stderr).toBe("exit=0\n");
  });

  it("exits 2 for bad usage with one line on stderr and nothing on stdout", () => {
    const run = spawnCli(["chekc"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/unknown command chekc \(did you mean check\?\)/)]);
  });

  it("scan exits 3 with one clear line when there are no credentials", () => {
    // No credentials anywhere (the environment is scrubbed, config files are /dev/null, no metadata
    // service); the endpoint is a closed loopback port in case anything tried the network.
    const run = spawnCli(["scan", "--regions", "eu-west-1", "--quiet"], { env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/cannot identify the AWS account: .*credentials/i)]);
  });
});
