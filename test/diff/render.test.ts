import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { diffCommand } from "../../src/cli/commands/diff.js";
import { InputError } from "../../src/errors.js";
import type { CliIO } from "../../src/cli/io.js";
import { resolvedOptionsSchema } from "../../src/cli/options.js";
import { diffScanResults, readScanResult, renderDiff } from "../../src/diff/index.js";
import { HOSTILE_NAMES, fixtureScanResult } from "../report/scan-results.js";
import { CHECK_IDS, craftedScanResults } from "./crafted-results.js";

const { oldResult, newResult } = craftedScanResults();
const diff = diffScanResults(oldResult, newResult);

describe("renderDiff", () => {
  it("json is the complete diff", () => {
    const parsed = JSON.parse(renderDiff(diff, "json"));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(diff)));
    expect(parsed).toMatchObject({ kind: "lambda-posture-diff", schemaVersion: 1 });
  });

  it("terminal lists every kind of change, without colour unless asked", () => {
    const text = renderDiff(diff, "terminal");
    expect(text).not.toContain("\u001b[");
    expect(text).toContain("New findings: 4 (2 critical, 1 high, 1 medium)");
    expect(text).toMatch(/\+ CRITICAL\s+function-url-auth-none\s+bravo \(eu-west-1\)\s+\[was pass\]/);
    expect(text).toMatch(/\+ HIGH\s+function-runtime-deprecated\s+hotel .*\[new check\]/);
    expect(text).toMatch(/\+ MEDIUM\s+function-tracing-disabled\s+foxtrot .*\[new resource\]/);
    expect(text).toMatch(/- CRITICAL\s+function-url-auth-none\s+alpha .*\[now pass\]/);
    expect(text).toMatch(/- LOW\s+function-tracing-disabled\s+charlie .*\[resource gone\]/);
    expect(text).toContain("Still open: 2");
    expect(text).toMatch(/~ function-url-auth-none\s+golf .*status fail → unknown/);
    expect(text).toMatch(/~ function-tracing-disabled\s+echo .*severity low → medium; now suppressed/);
    expect(text).toContain("Functions added: 1, removed: 1");
    expect(text).toMatch(/\+ foxtrot \(eu-west-1\)/);
    expect(text).toMatch(/- charlie \(eu-west-1\)/);
    expect(text).toContain("Function score changes:");
    expect(text).toContain(`warning: checks run only in the new scan: ${CHECK_IDS.RUNTIME}`);
    expect(renderDiff(diff, "terminal", { color: true })).toContain("\u001b[");
  });

  it("markdown has a score table and one section per kind of change", () => {
    const text = renderDiff(diff, "markdown");
    expect(text).toMatch(/^## lambda-posture diff/);
    expect(text).toContain("| **Account score** |");
    for (const heading of ["### New findings (4)", "### Resolved findings (2)", "### Still open (2)", "### Changed (3)", "### Functions (1 added, 1 removed"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("| critical | `function-url-auth-none` | bravo (eu-west-1) | was pass |");
  });

  it("escapes hostile names in terminal and markdown output", () => {
    const before = fixtureScanResult();
    const after = { ...fixtureScanResult(), resources: before.resources.map((r) => ({ ...r, name: `${r.name}\u001b[31m` })) };
    const terminal = renderDiff(diffScanResults({ ...before, findings: [] }, after), "terminal");
    expect(terminal).not.toContain("\u001b");
    const markdown = renderDiff(diffScanResults({ ...before, findings: [] }, before), "markdown");
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(markdown).not.toContain(HOSTILE_NAMES.markdown);
    expect(markdown).toContain("\\[click\\](https://evil.example) \\*\\*bold\\*\\* \\| pipe \\`tick\\`");
  });
});

describe("readScanResult", () => {
  const dir = mkdtempSync(join(tmpdir(), "lp-diff-"));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it("reads a valid scan result", async () => {
    const path = write("ok.json", JSON.stringify(newResult));
    await expect(readScanResult(path)).resolves.toEqual(newResult);
  });

  it("names the file and the problem", async () => {
    const missing = join(dir, "missing.json");
    await expect(readScanResult(missing)).rejects.toThrow(new RegExp(`${missing}: cannot read the scan result: no such file`));
    const broken = write("broken.json", "{ not json");
    await expect(readScanResult(broken)).rejects.toThrow(/broken\.json: the scan result is not valid JSON/);
    const invalid = write("invalid.json", JSON.stringify({ ...newResult, findings: [{ checkId: 1 }] }));
    await expect(readScanResult(invalid)).rejects.toThrow(/invalid\.json: not a valid lambda-posture scan result[\s\S]*findings\[0\]/);
    const future = write("future.json", JSON.stringify({ ...newResult, schemaVersion: 99 }));
    await expect(readScanResult(future)).rejects.toThrow(/future\.json: scan result schemaVersion 99 is not supported/);
    const diffFile = write("diff.json", renderDiff(diff, "json"));
    await expect(readScanResult(diffFile)).rejects.toThrow(/diff\.json: this is a diff, not a scan result/);
    await expect(readScanResult(invalid)).rejects.toBeInstanceOf(InputError);
  });
});

function fakeIO(cwd: string): { io: CliIO; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (chunk) => (stdout += String(chunk)));
  err.on("data", (chunk) => (stderr += String(chunk)));
  return {
    io: { stdout: out, stderr: err, env: {}, cwd, stdoutIsTTY: false, stderrIsTTY: false, columns: 100 },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe("diff command", () => {
  const dir = mkdtempSync(join(tmpdir(), "lp-diff-cli-"));
  writeFileSync(join(dir, "old.json"), JSON.stringify(oldResult));
  writeFileSync(join(dir, "new.json"), JSON.stringify(newResult));
  const options = (extra: Record<string, unknown>) => resolvedOptionsSchema.parse({ positionals: ["old.json", "new.json"], ...extra });

  it("prints the terminal diff and exits 0 without --fail-on-new", async () => {
    const { io, stdout } = fakeIO(dir);
    await expect(diffCommand.run(options({}), io)).resolves.toBe(0);
    expect(stdout()).toContain("New findings: 4");
  });

  it("--fail-on-new exits 1 only for new findings at or above the level", async () => {
    const { io, stderr } = fakeIO(dir);
    await expect(diffCommand.run(options({ failOnNew: "critical" }), io)).resolves.toBe(1);
    expect(stderr()).toContain("2 new finding(s) at or above critical");
    const same = resolvedOptionsSchema.parse({ positionals: ["new.json", "new.json"], failOnNew: "info" });
    await expect(diffCommand.run(same, fakeIO(dir).io)).resolves.toBe(0);
  });

  it("writes markdown or json to --output", async () => {
    const { io } = fakeIO(dir);
    await expect(diffCommand.run(options({ format: ["json"], output: "diff.json" }), io)).resolves.toBe(0);
    const { readFileSync, statSync } = await import("node:fs");
    expect(JSON.parse(readFileSync(join(dir, "diff.json"), "utf8")).counts.new).toBe(4);
    expect(statSync(join(dir, "diff.json")).mode & 0o777).toBe(0o600);
    await diffCommand.run(options({ format: ["markdown"], output: "diff.md" }), fakeIO(dir).io);
    expect(readFileSync(join(dir, "diff.md"), "utf8")).toContain("### New findings (4)");
  });

  it("usage errors are InputErrors (exit 2)", async () => {
    const run = (extra: Record<string, unknown>) => diffCommand.run(resolvedOptionsSchema.parse(extra), fakeIO(dir).io);
    await expect(run({ positionals: ["old.json"] })).rejects.toThrow(/diff needs two scan results/);
    await expect(run({ positionals: ["old.json", "new.json", "x"] })).rejects.toThrow(/unexpected argument x/);
    await expect(run({ positionals: ["old.json", "new.json"], format: ["xlsx"] })).rejects.toThrow(/diff writes terminal, json, markdown/);
    await expect(run({ positionals: ["old.json", "nope.json"] })).rejects.toThrow(/nope\.json: cannot read the scan result/);
  });
});
