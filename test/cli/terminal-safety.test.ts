import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { secureFunction, snapshotWith, functionArn } from "../support/fixtures.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * Data from AWS, a snapshot, a result or an input file reaches the terminal only as visible text:
 * ESC sequences, C1 controls, NUL and bidi overrides in every field the CLI prints come out escaped.
 */
const ESC = "\u001b]0;owned\u0007\u001b[2J";
const BIDI = "\u202eevil\u202c";
const HOSTILE = `${ESC}${BIDI}\u0000\u009b31m`;
/** Anything a terminal would act on; \n is the only control the CLI itself writes here (NO_COLOR is set). */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

let dir: string;
let snapshotFile: string;
let suppressionsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-terminal-"));
  snapshotFile = join(dir, "hostile.json");
  suppressionsFile = join(dir, "suppressions.json");
  const snapshot = snapshotWith({
    functions: [
      secureFunction({ name: `fn${HOSTILE}`, arn: functionArn("hostile"), url: { authType: "NONE", cors: null }, tracingMode: "PassThrough" }),
      secureFunction({ name: "plain", runtime: `python${HOSTILE}` }),
    ],
    gaps: [
      { service: "lambda", operation: "GetPolicy", region: `eu-west-1${HOSTILE}`, errorCode: `Denied${HOSTILE}`, message: `no ${HOSTILE}` },
      { service: "iam", operation: "GetRole", region: "global", resourceArn: `arn:aws:iam::111122223333:role/${HOSTILE}`, errorCode: "AccessDenied", message: HOSTILE },
    ],
  });
  await writeFile(snapshotFile, JSON.stringify(snapshot));
  await writeFile(
    suppressionsFile,
    JSON.stringify({
      suppressions: [
        { checkId: `function-url-auth-none${HOSTILE}`, resource: `arn:${HOSTILE}`, reason: `expired ${HOSTILE} acceptance`, expires: "2020-01-01" },
        { checkId: "function-tracing-disabled", resource: "**", reason: `accepted ${HOSTILE} risk` },
      ],
    }),
  );
});

const expectSafe = (run: { stdout: string; stderr: string }) => {
  expect(run.stdout).not.toMatch(UNSAFE);
  expect(run.stderr).not.toMatch(UNSAFE);
};

describe("nothing a terminal would execute reaches it", () => {
  it("the terminal report: names, runtimes, gaps, expired suppressions", async () => {
    const run = await runCliInProcess(["check", "--snapshot", snapshotFile, "--suppressions", suppressionsFile], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("\\x1b]0;owned\\x07");
    expect(run.stdout).toContain("\\u202e");
    expectSafe(run);
  });

  it.each(["json", "csv", "markdown", "ocsf", "asff"])("%s shown on a terminal", async (format) => {
    const run = await runCliInProcess(["check", "--snapshot", snapshotFile, "--suppressions", suppressionsFile, "--format", format], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100);
    expectSafe(run);
  });

  it("the diff, on the terminal and as markdown", async () => {
    const result = join(dir, "result.json");
    await runCliInProcess(["check", "--snapshot", snapshotFile, "--format", "json", "--output", result, "--quiet"]);
    for (const format of ["terminal", "markdown", "json"]) {
      const run = await runCliInProcess(["diff", result, result, "--format", format], { tty: true });
      expect(run.code).toBe(0);
      expectSafe(run);
    }
  });

  it("error lines naming a file, a flag value or a check id", async () => {
    const runs = [
      await runCliInProcess(["check", "--snapshot", join(dir, `missing${HOSTILE}.json`)], { tty: true }),
      await runCliInProcess(["check", "--snapshot", snapshotFile, "--checks", `x${HOSTILE}`], { tty: true }),
      await runCliInProcess(["check", "--snapshot", snapshotFile, "--fail-on", HOSTILE], { tty: true }),
      await runCliInProcess(["scan", "--regions", `eu${HOSTILE}`], { tty: true }),
      await runCliInProcess([`scan${HOSTILE}`], { tty: true }),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^lambda-posture: /);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expectSafe(run);
    }
  });

  it("the exit reason lines of --fail-on and --fail-on-gaps", async () => {
    const run = await runCliInProcess(["check", "--snapshot", snapshotFile, "--fail-on", "low", "--fail-on-gaps", "--format", "json", "--output", join(dir, "r2.json")], { tty: true });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^lambda-posture: exit 1: \d+ open finding\(s\) at or above --fail-on low/m);
    expect(run.stderr).toMatch(/^lambda-posture: exit 4: --fail-on-gaps and 2 read\(s\) failed/m);
    expectSafe(run);
  });
});
