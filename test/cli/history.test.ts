import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HISTORY_FILE, listHistory, pruneHistory, storeResult } from "../../src/cli/history.js";
import type { HistoryDocument } from "../../src/cli/commands/history.js";
import { diffScanResults } from "../../src/diff/index.js";
import { readResult } from "../../src/library/inputs.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { runCliInProcess as runCli } from "../support/run-cli.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

/** The schemaVersion 1 result of the demo account (see test/diff/read-version-1.test.ts). */
const VERSION_1_FILE = join(import.meta.dirname, "..", "diff", "fixtures", "demo-result.v1.json");
const DEMO_CHECKS = ["--checks", "function-url-auth-none,role-admin-access,function-tracing-disabled", "--severity", "high"];

let dir: string;
let cleanSnapshot: string;
let urlSnapshot: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-history-"));
  cleanSnapshot = join(dir, "clean.json");
  urlSnapshot = join(dir, "url.json");
  await writeFile(cleanSnapshot, JSON.stringify(snapshotWith({ functions: [secureFunction()] })));
  await writeFile(urlSnapshot, JSON.stringify(snapshotWith({ functions: [secureFunction({ url: { authType: "NONE", cors: null } })] })));
});

const only = ["--checks", "function-url-auth-none,function-tracing-disabled"];

describe("--history DIR", () => {
  it("stores each result under a dated name, and the reports and `history` show the trend with new and resolved counts", async () => {
    const history = join(dir, "scans");
    const first = await runCli(["check", "--snapshot", cleanSnapshot, ...only, "--history", history, "--quiet"]);
    expect(first.code).toBe(0);
    const second = await runCli(["check", "--snapshot", urlSnapshot, ...only, "--history", history]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Trend of 2 stored scans: 100\.0 → \d+\.\d/);
    expect(second.stdout).toContain("since the previous scan: 1 new, 0 resolved");
    const third = await runCli(["check", "--snapshot", cleanSnapshot, ...only, "--history", history, "--quiet"]);
    expect(third.stdout).toContain("since the previous scan: 0 new, 1 resolved");

    const files = (await readdir(history)).sort();
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(file).toMatch(HISTORY_FILE);
      expect((await stat(join(history, file))).mode & 0o777).toBe(0o600);
      expect((await readResult(join(history, file))).accountId).toBe("111122223333");
    }

    const table = await runCli(["history", history]);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split("\n");
    expect(rows[0]).toBe("account 111122223333: 3 stored scan(s), oldest first");
    expect(rows[1]).toMatch(/^FINISHED \(UTC\) +SCORE +GRADE +PROVIDER +CUSTOMER +SHARED +NEW +RESOLVED$/);
    expect(rows.slice(2).map((row) => row.split(/ +/).slice(-2))).toEqual([["-", "-"], ["1", "0"], ["0", "1"]]);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);

    const json = JSON.parse((await runCli(["history", history, "--format", "json"])).stdout) as HistoryDocument;
    expect(json.kind).toBe("lambda-posture-history");
    expect(json.accounts).toHaveLength(1);
    const points = json.accounts[0]!.points;
    expect(points.map((point) => [point.newFindings, point.resolvedFindings])).toEqual([[null, null], [1, 0], [0, 1]]);
    expect(points[0]).toMatchObject({ score: 100, grade: "A", scoresByLayer: { customer: expect.any(Number) } });
    expect(points.map((point) => point.finishedAt)).toEqual([...points.map((point) => point.finishedAt)].sort());
  });

  it("keeps --history-keep results per account, removing only the oldest of its own files", async () => {
    const history = join(dir, "pruned");
    await mkdir(history);
    const foreign = ["notes.txt", "lambda-posture.json", "lambda-posture-20200101T000000Z-123.json"];
    for (const name of foreign) await writeFile(join(history, name), "{}");
    for (let run = 0; run < 4; run += 1) {
      const result = await runCli(["check", "--snapshot", run % 2 === 0 ? cleanSnapshot : urlSnapshot, ...only, "--history", history, "--history-keep", "2", "--quiet"]);
      expect(result.code).toBe(0);
    }
    const stored = await listHistory(history);
    expect(stored).toHaveLength(2);
    for (const name of foreign) expect((await readdir(history)).includes(name)).toBe(true);
    // The two kept are the newest: the third (clean) and the fourth (public URL) run.
    const kept = await Promise.all(stored.map((scan) => readResult(join(history, scan.file))));
    expect(kept.map((result) => result.summary.counts.byStatus.fail)).toEqual([0, 1]);
  });

  it("never overwrites a stored result: a second result finished in the same second gets the next number", async () => {
    const history = join(dir, "same-second");
    await mkdir(history);
    const result = await readResult(VERSION_1_FILE);
    const a = await storeResult(history, result);
    const b = await storeResult(history, result);
    expect(a).not.toBe(b);
    expect(b).toMatch(/-123456789012-2\.json$/);
    expect((await listHistory(history)).map((scan) => scan.sequence)).toEqual([1, 2]);
    expect(await readdir(history)).toHaveLength(2);
    expect(await pruneHistory(history, "123456789012", 1)).toEqual([a.split("/").pop()]);
  });

  it("reads a schemaVersion 1 result as the first point, and skips a damaged file with a warning without failing", async () => {
    const history = join(dir, "mixed");
    await mkdir(history);
    await copyFile(VERSION_1_FILE, join(history, "lambda-posture-20261130T230445Z-123456789012.json"));
    await writeFile(join(history, "lambda-posture-20261130T230500Z-123456789012.json"), '{"schemaVersion": 2, "broken\u001b[2J": ');
    await writeFile(join(history, "lambda-posture-20261130T230600Z-123456789012.json"), await readFile(cleanSnapshot));
    const run = await runCli(["check", "--snapshot", demoSnapshotPath, ...DEMO_CHECKS, "--history", history, "--format", "json", "--output", join(dir, "demo.json"), "--quiet"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: history: skipped lambda-posture-20261130T230500Z-123456789012\.json: .*not valid JSON/m);
    expect(run.stderr).toMatch(/^warning: history: skipped lambda-posture-20261130T230600Z-123456789012\.json: .*snapshot/m);
    expect(run.stderr).not.toContain("\u001b");
    const json = JSON.parse((await runCli(["history", history, "--format", "json", "--quiet"])).stdout) as HistoryDocument;
    const points = json.accounts[0]!.points;
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ scanId: "14f062f1-fcd7-43f1-b58a-0a94a50be9af", newFindings: null });
    // Counted by the same diff as `lambda-posture diff` between the version 1 result and this scan.
    const diff = diffScanResults(await readResult(VERSION_1_FILE), await readResult(join(dir, "demo.json")));
    expect(points[1]).toMatchObject({ newFindings: diff.counts.new, resolvedFindings: diff.counts.resolved });
    expect(diff.counts.new + diff.counts.resolved + diff.counts.stillOpen).toBeGreaterThan(0);
  });

  it("never prints a control character from a stored file", async () => {
    const history = join(dir, "hostile");
    await mkdir(history);
    const stored = JSON.parse(await readFile(VERSION_1_FILE, "utf8")) as { finishedAt: string };
    stored.finishedAt = "2026\u001b[2J-11-30T23:04:45Z";
    await writeFile(join(history, "lambda-posture-20261130T230445Z-123456789012.json"), JSON.stringify(stored));
    const table = await runCli(["history", history]);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain("\u001b");
    expect(table.stdout).toContain("\\x1b");
    const json = await runCli(["history", history, "--format", "json"], { tty: true });
    expect(json.stdout).not.toContain("\u001b");
  });

  it("refuses what it cannot use, with exit 2 and one line", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "x");
    const notDirectory = await runCli(["check", "--snapshot", cleanSnapshot, "--history", file]);
    expect(notDirectory.code).toBe(2);
    expect(notDirectory.stderr).toMatch(/^lambda-posture: --history: cannot write .*a-file is not a directory/);
    const keep = await runCli(["check", "--snapshot", cleanSnapshot, "--history", join(dir, "k"), "--history-keep", "1"]);
    expect(keep.code).toBe(2);
    expect(keep.stderr).toContain("--history-keep (or LAMBDA_POSTURE_HISTORY_KEEP): must be at least 2");
    const empty = await runCli(["history", join(dir, "nothing-here")]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no stored scans");
    expect((await runCli(["history"])).stderr).toContain("history needs the directory");
    expect((await runCli(["history", dir, "--format", "csv"])).stderr).toContain("--format: history prints table or json, not csv");
    const organisation = await runCli(["scan", "--accounts", "111122223333", "--role-name", "r", "--output-dir", dir, "--history", dir]);
    expect(organisation.code).toBe(2);
    expect(organisation.stderr).toContain("--history keeps the trend of one account's scans");
  });
});
