import { readdir, readFile } from "node:fs/promises";
import { parseScanResult } from "../../src/diff/index.js";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { runCliInProcess } from "../support/run-cli.js";
import { EU, fixtureAccount, US } from "./fixture/account.js";
import { startHostileEndpoint, type Behaviour, type HostileEndpoint } from "./hostile-endpoints.js";
import { scratchDir } from "./scanner.js";

/**
 * A scheduled scan must end in bounded time whatever the network does, keep what the healthy
 * services returned, and exit with a code a script can trust (issue 10). The timeouts are small so
 * that the tests are quick; each bound is derived from them, with generous slack for a loaded CI.
 */
const CONNECT_S = 0.3;
const REQUEST_S = 1;
const ATTEMPTS = 2;
const TIMEOUT_FLAGS = ["--connect-timeout", String(CONNECT_S), "--request-timeout", String(REQUEST_S), "--max-attempts", String(ATTEMPTS)];
/** One read's worst case: every attempt times out, plus the SDK's back-off between attempts (< 1 s each). */
const ONE_READ_S = ATTEMPTS * (REQUEST_S + CONNECT_S) + ATTEMPTS;
/** A whole scan: a few rounds of reads before an endpoint is given up, plus start-up; then 3x slack. */
const SCAN_BOUND_MS = 3 * (4 * ONE_READ_S + 5) * 1000;

let stub: Stub;
const hostile = new Map<Behaviour, HostileEndpoint>();

beforeAll(async () => {
  stub = await startStub({ account: fixtureAccount(), seed: 20261130, quotas: false });
  for (const behaviour of ["silent", "drip", "reset", "error500", "garbage"] as const) hostile.set(behaviour, await startHostileEndpoint(behaviour));
}, 60_000);

afterAll(async () => {
  await stub?.close();
  for (const endpoint of hostile.values()) await endpoint.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  result?: ScanResult;
}

async function scan(extraEnv: Record<string, string>, extraArgs: string[] = []): Promise<Run> {
  const dir = await scratchDir();
  const output = join(dir, "result.json");
  const started = performance.now();
  const run = await runCliInProcess(
    ["scan", "--regions", `${EU},${US}`, "--format", "json", "--output", output, "--quiet", ...TIMEOUT_FLAGS, ...extraArgs],
    { env: stubEnvironment(stub.url, extraEnv) },
  );
  const ms = performance.now() - started;
  const files = await readdir(dir);
  expect(files.filter((file) => file.endsWith(".tmp")), "no temporary file is left behind").toEqual([]);
  const result = files.includes("result.json") ? parseScanResult(JSON.parse(await readFile(output, "utf8")), "result") : undefined;
  return { ...run, ms, ...(result ? { result } : {}) };
}

const endpoint = (behaviour: Behaviour) => (hostile.get(behaviour) as HostileEndpoint).url;

describe("a scan whose Lambda endpoint misbehaves in every region ends with exit 3 and one line naming the cause", () => {
  it.each([
    ["accepts and never answers", "silent", /TimeoutError/],
    ["drips a byte every 300 ms", "drip", /TimeoutError/],
    ["resets every connection", "reset", /ECONNRESET|socket hang up|Error/],
    ["answers 500", "error500", /could not list the functions in any requested region/],
    ["answers garbage", "garbage", /UnparseableResponse/],
  ] as const)("%s", async (_description, behaviour, cause) => {
    const run = await scan({ AWS_ENDPOINT_URL_LAMBDA: endpoint(behaviour) });
    expect(run.code, run.stderr).toBe(3);
    expect(run.ms).toBeLessThan(SCAN_BOUND_MS);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lambda-posture: could not list the functions in any requested region \(eu-west-1: \S+, us-east-1: \S+\)/);
    expect(lines[0]).toMatch(cause);
    // Nothing of an unparseable body reaches the terminal.
    expect(run.stderr).not.toMatch(/[\u001b\u0007\u202e]|<html>|not json/);
    expect(run.result).toBeUndefined();
  });
});

describe("one hanging service costs its timeouts, and what the others returned is kept", () => {
  it("IAM never answers: the functions are reported, the role checks are unknown, the run ends", async () => {
    const run = await scan({ AWS_ENDPOINT_URL_IAM: endpoint("silent") }, ["--fail-on-gaps"]);
    expect(run.ms).toBeLessThan(SCAN_BOUND_MS);
    expect(run.code, run.stderr).toBe(4);
    const result = run.result as ScanResult;
    expect(result.summary.functions).toBeGreaterThan(0);
    const iamGaps = result.gaps.filter((gap) => gap.service === "iam");
    expect(iamGaps.length).toBeGreaterThan(0);
    expect(new Set(iamGaps.map((gap) => gap.errorCode))).toEqual(new Set(["TimeoutError", "EndpointUnreachable"].filter((code) => iamGaps.some((gap) => gap.errorCode === code))));
    expect(result.gaps.filter((gap) => gap.service === "lambda")).toEqual([]);
    // The roles were not read: no role is judged, and each function says its role could not be read.
    expect(result.findings.filter((finding) => finding.checkId === "role-admin-access")).toEqual([]);
    const roleMissing = result.findings.filter((finding) => finding.checkId === "function-role-missing");
    expect(roleMissing.length).toBe(result.summary.functions);
    expect(roleMissing.every((finding) => finding.status === "unknown")).toBe(true);
    expect(run.stderr).toMatch(/^lambda-posture: exit 4: --fail-on-gaps and \d+ read\(s\) failed \(iam:/m);
  });

  it("STS never answers: the account cannot be identified, exit 3, within the timeouts", async () => {
    const run = await scan({ AWS_ENDPOINT_URL_STS: endpoint("silent") });
    expect(run.code).toBe(3);
    expect(run.ms).toBeLessThan(SCAN_BOUND_MS);
    expect(run.stderr).toMatch(/^lambda-posture: cannot identify the AWS account: TimeoutError/);
  });
});

describe("--deadline", () => {
  it("stops reading when it passes, reports what was read, and says how many reads were not made", async () => {
    const slow = await startStub({ account: fixtureAccount(), seed: 20261130, quotas: false, latencyMs: 400 });
    try {
      const dir = await scratchDir();
      const output = join(dir, "result.json");
      const started = performance.now();
      const run = await runCliInProcess(
        ["scan", "--regions", `${EU},${US}`, "--format", "json", "--output", output, "--quiet", "--deadline", "2s", "--fail-on-gaps"],
        { env: stubEnvironment(slow.url) },
      );
      const ms = performance.now() - started;
      expect(ms).toBeLessThan(2_000 + 3 * 0.4 * 1_000 + 10_000);
      expect(run.code, run.stderr).toBe(4);
      const result = parseScanResult(JSON.parse(await readFile(output, "utf8")), "result");
      expect(result.summary.functions).toBeGreaterThan(0);
      const deadlineGaps = result.gaps.filter((gap) => gap.errorCode === "DeadlineExceeded");
      expect(deadlineGaps.length).toBeGreaterThan(0);
      expect(deadlineGaps[0]?.message).toMatch(/^not read: the --deadline of 2s passed first/);
      expect(run.stderr).toMatch(/^warning: the --deadline of 2s passed first: \d+ read\(s\) were not made; the checks that needed them report unknown$/m);
      expect(result.findings.some((finding) => finding.status === "unknown" && finding.reason === "dataUnavailable")).toBe(true);
    } finally {
      await slow.close();
    }
  });
});
