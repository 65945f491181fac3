import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_FORMATS } from "../../src/cli/write-reports.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { runCliInProcess as runCli } from "../support/run-cli.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

let dir: string;
let snapshot: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-surface-"));
  snapshot = join(dir, "snapshot.json");
  const functions = Array.from({ length: 12 }, (_, i) =>
    secureFunction({ name: `fn-${i}`, arn: `arn:aws:lambda:eu-west-1:111122223333:function:fn-${i}`, url: { authType: "NONE", cors: null } }),
  );
  await writeFile(snapshot, JSON.stringify(snapshotWith({ functions })));
});

describe("--output naming a directory", () => {
  it("a trailing slash writes the reports into that directory, created when absent", async () => {
    const out = join(dir, "reports");
    const run = await runCli(["check", "--snapshot", snapshot, "--format", "json,csv", "--output", `${out}/`, "--quiet"]);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["lambda-posture.csv", "lambda-posture.json"]);
  });

  it("an existing directory without the slash is a directory too, never replaced by a file", async () => {
    const out = join(dir, "reports");
    const run = await runCli(["check", "--snapshot", snapshot, "--format", "html", "--output", out, "--quiet"]);
    expect(run.code).toBe(0);
    expect((await stat(out)).isDirectory()).toBe(true);
    expect(await readdir(out)).toContain("lambda-posture.html");
  });

  it("commands that write one file say a directory is not a file name", async () => {
    const run = await runCli(["permissions", "--output", `${dir}/policies/`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lambda-posture: --output: .*policies\/ names a directory; this command writes one file/);
    const collect = await runCli(["collect", "--output", "snapshots/", "--regions", "eu-west-1"]);
    expect(collect.code).toBe(2);
    expect(collect.stderr).toContain("snapshots/ names a directory");
  });
});

describe("usage errors and help", () => {
  it("`demo --format pdf` prints the error and nothing before it", async () => {
    const run = await runCli(["demo", "--format", "pdf", "--output-dir", join(dir, "never")]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^lambda-posture: --format: unknown format pdf; formats: terminal, json/)]);
  });

  it("every command's --help lists the values of its --format", async () => {
    for (const command of ["scan", "check", "demo", "merge"]) {
      expect((await runCli([command, "--help"])).stdout).toContain(`formats: ${REPORT_FORMATS.join(", ")}`);
    }
    expect((await runCli(["checks", "--help"])).stdout).toContain("formats: table, json");
    expect((await runCli(["diff", "--help"])).stdout).toContain("formats: terminal, json, markdown");
    expect((await runCli(["history", "--help"])).stdout).toContain("formats: table, json");
    const scan = (await runCli(["scan", "--help"])).stdout;
    expect(scan).toMatch(/--fail-on LEVEL +Exit 1 when an open finding is at or above this severity \(critical, high, medium, low, info, none\)/);
    expect(scan).toContain("--history DIR");
    expect(scan).toContain("--verbose");
  });

  it("`checks` fits 100 columns, wrapping titles under their column", async () => {
    const run = await runCli(["checks"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const titleColumn = lines[0]!.indexOf("TITLE");
    const continuations = lines.filter((line) => /^ +\S/.test(line));
    expect(continuations.length).toBeGreaterThan(0);
    for (const line of continuations) expect(line.search(/\S/)).toBe(titleColumn);
  });
});

describe("scan --dry-run", () => {
  it("states where --history keeps the result and how many", async () => {
    const run = await runCli(["scan", "--regions", "eu-west-1", "--history", "scans", "--history-keep", "10", "--output", "reports/", "--dry-run"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`formats: terminal to ${join(dir, "reports")}`);
    expect(run.stdout).toContain(`history: the result kept in ${join(dir, "scans")}, the newest 10 of the account kept`);
  });
});

describe("a summary whatever the formats", () => {
  it("reports to files: the short summary on stderr, naming only the files written", async () => {
    const out = join(dir, "summary");
    const run = await runCli(["check", "--snapshot", snapshot, "--checks", "function-url-auth-none", "--format", "terminal", "--output-dir", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/Account score [\d.]+ +grade [A-F]/);
    expect(run.stderr).toMatch(/Top failed findings \(12 open\):/);
    expect(run.stderr).toMatch(/Wrote:\n {2}.*lambda-posture\.txt\n$/);
    for (const line of run.stderr.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    // The text report is the only file: it does not send the reader to reports that do not exist.
    const text = await readFile(join(out, "lambda-posture.txt"), "utf8");
    expect(text).toContain("… 2 more: add --format json, csv or html to list them all");
    expect(text).not.toMatch(/more in the JSON/);
    const both = await runCli(["check", "--snapshot", snapshot, "--checks", "function-url-auth-none", "--format", "terminal,json", "--output-dir", out, "--quiet"]);
    expect(both.stderr).toBe("");
    expect(await readFile(join(out, "lambda-posture.txt"), "utf8")).toContain("… 2 more in lambda-posture.json");
  });

  it("merge: the organisation's short summary on stderr, and the files written", async () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    expect((await runCli(["check", "--snapshot", snapshot, "--format", "json", "--output", a, "--quiet"])).code).toBe(0);
    expect((await runCli(["check", "--snapshot", demoSnapshotPath, "--format", "json", "--output", b, "--quiet"])).code).toBe(0);
    const run = await runCli(["merge", a, b, "--output-dir", join(dir, "org"), "--format", "json,html"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/2 account\(s\): 2 scanned, 0 failed, 0 skipped\nOrganisation score [\d.]+ +grade [A-F]/);
    expect(run.stderr).toMatch(/Wrote:\n {2}.*lambda-posture-organization-.*\.json\n {2}.*\.html\n$/);
    expect((await runCli(["merge", a, b, "--output-dir", join(dir, "org2"), "--quiet"])).stderr).toBe("");
  });

  it("a machine format on stdout keeps stdout clean; --quiet silences the summary; a terminal on stdout needs none", async () => {
    const json = await runCli(["check", "--snapshot", snapshot, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toHaveProperty("findings");
    expect(json.stderr).toContain("Top failed findings");
    expect(json.stderr).not.toContain("Wrote:");
    expect((await runCli(["check", "--snapshot", snapshot, "--format", "json", "--quiet"])).stderr).toBe("");
    const terminal = await runCli(["check", "--snapshot", snapshot]);
    expect(terminal.stdout).toContain("Top failed findings");
    expect(terminal.stderr).not.toContain("Top failed findings");
  });
});
