import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { scanResultSchema } from "../../src/engine/result-schema.js";
import { csvReporter } from "../../src/report/csv.js";
import { jsonReporter } from "../../src/report/json.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { readSnapshot } from "../../src/snapshot/io.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { evaluateForTest, evaluateWithoutRoles } from "../support/evaluate.js";
import { functionArn, secureFunction, snapshotWith } from "../support/fixtures.js";

const hostileName = "=HYPERLINK(\"http://evil.example\",\"x\")";
const hostile = secureFunction({
  name: hostileName,
  arn: functionArn("hostile"),
  url: { authType: "NONE", cors: null },
  tracingMode: "PassThrough",
});
const quoting = secureFunction({ name: "comma,quote\"newline", arn: functionArn("quoting"), url: { authType: "NONE", cors: null } });

function resultFor(functions = [hostile, quoting]) {
  return evaluateWithoutRoles(snapshotWith({ functions }), {
    checks: ALL_CHECKS.filter((c) => ["function-url-auth-none", "function-tracing-disabled", "function-runtime-deprecated"].includes(c.id)),
    now: new Date("2026-11-20T00:00:00Z"),
  });
}

const context = (result: ReturnType<typeof resultFor>) => ({ result, checks: ALL_CHECKS, color: false, width: 80 });

describe("CSV reporter", () => {
  it("is RFC 4180: comma-separated, CRLF, quotes doubled, one row per finding", () => {
    const result = resultFor();
    const text = csvReporter.render(context(result)) as string;
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parse(text, { bom: false, relax_column_count: false }) as string[][];
    // The header is a contract with users' spreadsheets and scripts: spelled out here, not imported.
    expect(text.slice(0, text.indexOf("\r\n"))).toBe(
      "severity,status,finding,check,title,function,resource_type,resource_arn,region,layer,phase,reason,message,evidence,remediation,frameworks,suppression,account_id,account_name,remediation_url",
    );
    // A single account's rows name it too (no name: Organizations was not read), so the CSVs of several accounts line up.
    for (const row of rows.slice(1)) expect(row.slice(-3, -1)).toEqual([result.accountId, ""]);
    expect(rows).toHaveLength(result.findings.length + 1);
    expect(rows.some((row) => row[5] === 'comma,quote"newline')).toBe(true);
    // A failed row leads with what is wrong; the control title (the desired state) keeps its own column.
    for (const row of rows.slice(1)) {
      const [status, finding, checkId, title, message] = [row[1], row[2], row[3], row[4], row[12]];
      expect(finding).toBe(status === "fail" || status === "unknown" ? message : title);
      expect(row.at(-1)).toBe(`https://github.com/lambda-posture/lambda-posture/blob/main/docs/checks.md#${checkId}`);
    }
    expect(rows.slice(1).some((row) => row[1] === "fail" && row[2] !== row[4])).toBe(true);
    expect(text).toContain('"comma,quote""newline"');
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    const text = csvReporter.render(context(resultFor())) as string;
    const rows = parse(text) as string[][];
    const names = rows.slice(1).map((row) => row[5]!);
    expect(names).toContain(`'${hostileName}`);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("JSON reporter", () => {
  it("writes exactly the scan result contract", async () => {
    const snapshot = await readSnapshot(demoSnapshotPath);
    const result = await evaluateForTest(snapshot, { checks: ALL_CHECKS, now: new Date("2026-11-20T00:00:00Z") });
    const parsed = JSON.parse(jsonReporter.render({ result, checks: ALL_CHECKS, color: false, width: 80 }) as string);
    expect(scanResultSchema.parse(parsed)).toEqual(result);
    // Every function is judged by every function check, and by every invoke-target check for itself.
    const functionChecks = ALL_CHECKS.filter((check) => check.resourceType === "function" || check.resourceType === "invokeTarget").length;
    const typeOf = (f: { resource: number }) => (parsed.resources[f.resource] as { type: string }).type;
    const functionFindings = parsed.findings.filter((f: { resource: number }) => typeOf(f) === "function");
    expect(functionFindings).toHaveLength(functionChecks * snapshot.functions.length);
    const targetChecks = ALL_CHECKS.filter((check) => check.resourceType === "invokeTarget").length;
    const qualifiers = snapshot.functions.reduce((sum, fn) => sum + (fn.aliases?.length ?? 0) + (fn.versions?.length ?? 0), 0);
    expect(qualifiers).toBeGreaterThan(0);
    expect(parsed.findings.filter((f: { resource: number }) => typeOf(f) === "alias" || typeOf(f) === "version")).toHaveLength(targetChecks * qualifiers);
  });
});

describe("terminal reporter", () => {
  it("fits 80 columns, has no colour codes when colour is off, and shows the essentials", () => {
    const result = resultFor([hostile, quoting, secureFunction({ name: "x".repeat(64), arn: functionArn("long") })]);
    const text = renderTerminal(result, { color: false, width: 80 });
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).not.toContain("\u001b[");
    expect(text).toMatch(/Account score .* grade [A-F]/);
    expect(text).toContain("provider");
    expect(text).toContain("Worst functions");
    expect(text).toContain("critical 2");
  });

  it("colours on request and lists gaps", () => {
    const snapshot = snapshotWith({
      functions: [hostile],
      gaps: [{ service: "lambda", operation: "GetPolicy", region: "eu-west-1", errorCode: "AccessDeniedException", message: "denied" }],
    });
    const result = evaluateWithoutRoles(snapshot, { checks: ALL_CHECKS.filter((c) => c.id === "function-url-auth-none"), now: new Date() });
    const text = renderTerminal(result, { color: true, width: 80 });
    expect(text).toContain("\u001b[");
    expect(text).toContain("lambda:GetPolicy AccessDeniedException eu-west-1");
  });

  it("shows the collection's notes, apart from the gaps", () => {
    const note = { service: "lambda", operation: "ListCodeSigningConfigs", region: "eu-west-1", message: "not available here\u001b[2J: read per function" };
    const result = evaluateWithoutRoles(snapshotWith({ functions: [hostile], notes: [note] }), { checks: ALL_CHECKS.filter((c) => c.id === "function-url-auth-none"), now: new Date() });
    expect(result.notes).toEqual([note]);
    const text = renderTerminal(result, { color: false, width: 120 });
    expect(text).toContain("Notes: 1 read(s) took a slower path; nothing is unknown because of them");
    expect(text).toContain("lambda:ListCodeSigningConfigs in eu-west-1: not available here\\x1b[2J: read per function");
    expect(text).not.toContain("Gaps:");
    // A result without notes has no notes member (nor does one read from an older version).
    expect(evaluateWithoutRoles(snapshotWith({ functions: [hostile] }), { checks: ALL_CHECKS.filter((c) => c.id === "function-url-auth-none"), now: new Date() })).not.toHaveProperty("notes");
  });

  it("replaces control characters from AWS data", () => {
    const result = resultFor([secureFunction({ name: "evil\u001b[2Jname", arn: functionArn("ctl"), url: { authType: "NONE", cors: null } })]);
    const text = renderTerminal(result, { color: false, width: 80 });
    // Shown as a visible escape (src/text/terminal.ts), never sent to the terminal.
    expect(text).toContain("evil\\x1b[2Jname");
    expect(text).not.toContain("\u001b");
  });
});
