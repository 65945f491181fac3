import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_FILE } from "../../src/cli/history.js";
import { stubEnvironment } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { runCliInProcess } from "../support/run-cli.js";
import { EU, fixtureAccount, US } from "./fixture/account.js";
import { scratchDir } from "./scanner.js";

/**
 * What a person sees around a live scan whose reports go to files (issue 14): progress with the time
 * so far, one closing line about the collection (the calls by operation only with --verbose), then
 * the short summary and the files written; and with --history, the trend of the stored scans.
 */
let stub: Stub;

beforeAll(async () => {
  stub = await startStub({ account: fixtureAccount(), seed: 20261201, quotas: false });
}, 60_000);

afterAll(async () => {
  await stub?.close();
});

describe("a scan that writes its reports to files", () => {
  it("prints progress, the collection in one line, the summary and the files; --history keeps the trend", async () => {
    const dir = await scratchDir();
    const history = join(dir, "history");
    const args = ["scan", "--regions", `${EU},${US}`, "--format", "json,html", "--output-dir", join(dir, "reports"), "--history", history];
    const first = await runCliInProcess(args, { env: stubEnvironment(stub.url) });
    expect([0, 1]).toContain(first.code);
    expect(first.stderr).toMatch(/^(eu-west-1|us-east-1) done \d+:\d\d( \(about .* left\))? · \d+\/\d+ functions · /m);
    expect(first.stderr).toMatch(/^collected \d+ function\(s\), \d+ role\(s\), \d+ managed policies in .*\n {2}\d+ calls, \d+ throttled, \d+ gaps \(--verbose shows them by operation\)$/m);
    expect(first.stderr).not.toMatch(/^calls: \d+:/m);
    expect(first.stderr).toMatch(/Account score [\d.]+ +grade [A-F]/);
    expect(first.stderr).toMatch(/Wrote:\n {2}.*lambda-posture\.json\n {2}.*lambda-posture\.html\n/);
    expect(first.stderr).not.toContain("Trend of");

    const second = await runCliInProcess([...args, "--verbose"], { env: stubEnvironment(stub.url) });
    expect(second.stderr).toMatch(/^calls: \d+: lambda:/m);
    expect(second.stderr).toMatch(/Trend of 2 stored scans: [\d.]+ → [\d.]+\n {2}since the previous scan: 0 new, 0 resolved/);
    const stored = (await readdir(history)).filter((name) => HISTORY_FILE.test(name));
    expect(stored).toHaveLength(2);
    for (const line of second.stderr.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
  }, 120_000);
});
