import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { assertBuilt, cliEnvironment } from "../support/cli.js";
import { EU, fixtureAccount, US } from "./fixture/account.js";
import { CLI_ENTRY, REPO_ROOT, scratchDir } from "./scanner.js";

/** A scheduler stopping the job (SIGTERM) or a person pressing Ctrl-C (SIGINT) in the middle of a scan. */
let slow: Stub;

beforeAll(async () => {
  assertBuilt();
  slow = await startStub({ account: fixtureAccount(), seed: 20261130, quotas: false, latencyMs: 500 });
});

afterAll(async () => {
  await slow?.close();
});

function interruptedScan(signal: "SIGINT" | "SIGTERM", dir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI_ENTRY, "scan", "--regions", `${EU},${US}`, "--output-dir", join(dir, "reports"), "--format", "json", "--format", "csv", "--snapshot-out", join(dir, "snapshot.json")],
      { cwd: REPO_ROOT, env: cliEnvironment(stubEnvironment(slow.url)), stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      // Mid-collection: the regions have started and answers are still coming (each takes 500 ms).
      if (!sent && /started/.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill(signal), 300);
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("signals", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s mid-scan: one line, no temporary file, no snapshot, exit %i", async (signal, exitCode) => {
    const dir = await scratchDir();
    const run = await interruptedScan(signal, dir);
    expect(run.code).toBe(exitCode);
    const last = run.stderr.trim().split("\n").at(-1);
    expect(last).toBe(`lambda-posture: interrupted by ${signal}; no snapshot was written; no report was written after it`);
    const left = await readdir(dir, { recursive: true });
    expect(left.filter((file) => file.endsWith(".tmp"))).toEqual([]);
    expect(left).not.toContain("snapshot.json");
  });
});
