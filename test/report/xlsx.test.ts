import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { xlsxText } from "../../src/report/cells.js";
import { SEVERITY_COLOURS, xlsxReporter } from "../../src/report/xlsx.js";
import { HOSTILE_NAMES, contextFor, demoScanResult, fixtureScanResult } from "./scan-results.js";
import { expandedFindings } from "../../src/engine/result-index.js";

async function workbookFor(result: ScanResult): Promise<ExcelJS.Workbook> {
  const bytes = await xlsxReporter.render(contextFor(result));
  expect(bytes).toBeInstanceOf(Uint8Array);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes as Uint8Array) as unknown as ExcelJS.Buffer);
  return workbook;
}

function headerOf(sheet: ExcelJS.Worksheet): string[] {
  const values = sheet.getRow(1).values as unknown[];
  return values.slice(1).map(String);
}

function columnIndex(sheet: ExcelJS.Worksheet, header: string): number {
  const index = headerOf(sheet).indexOf(header);
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function columnValues(sheet: ExcelJS.Worksheet, header: string): unknown[] {
  const column = columnIndex(sheet, header);
  const values: unknown[] = [];
  for (let row = 2; row <= sheet.rowCount; row += 1) values.push(sheet.getRow(row).getCell(column).value);
  return values;
}

describe("xlsx reporter", () => {
  let result: ScanResult;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    result = fixtureScanResult();
    workbook = await workbookFor(result);
  });

  it("is registered as a binary format", () => {
    expect(xlsxReporter).toMatchObject({ format: "xlsx", extension: "xlsx", binary: true });
  });

  it("has the sheets in order, each with a bold header row", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Findings", "Functions", "Compliance", "Gaps", "Check errors", "Checks"]);
    for (const sheet of workbook.worksheets) expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
  });

  it("names every sheet's columns as users' filters and lookups expect them", () => {
    // Spelled out, not imported from the reporter: renaming a column is a change users see.
    const headers = Object.fromEntries(workbook.worksheets.map((sheet) => [sheet.name, headerOf(sheet)]));
    expect(headers).toEqual({
      Summary: ["Item", "Value"],
      Findings: [
        "Severity", "Status", "Suppressed", "Check", "Title", "Resource", "Resource type", "Region", "Layer", "Phase", "Reason",
        "Message", "Evidence", "Remediation", "Suppression reason", "Suppression expires", "Resource ARN",
        "NIST 800-53", "OWASP Serverless", "HIPAA", "AWS FSBP", "CIS", "Account", "Account name",
      ],
      Functions: [
        "Function", "Region", "Runtime", "Grade", "Overall score", "Provider score", "Customer score", "Shared score", "Coverage %",
        "Passed", "Failed", "Unknown", "Not applicable", "Suppressed", "Role", "Triggers", "Function ARN",
      ],
      Compliance: ["Framework", "Control", "Title", "Checks", "Pass", "Fail", "Unknown", "Not applicable"],
      Gaps: ["Service", "Operation", "Region", "Resource ARN", "Error code", "Message", "Partial list", "Account"],
      "Check errors": ["Check", "Resource ARN", "Error"],
      Checks: [
        "Check", "Title", "Severity", "Layer", "Phase", "Resource type", "NIST 800-53", "OWASP Serverless", "HIPAA", "AWS FSBP", "CIS",
        "Reads (API operations)", "Rationale", "Remediation", "Limitations",
      ],
    });
  });

  it("Findings: one row per failed or unknown finding, suppressed included and marked", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    const expected = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");
    expect(sheet.rowCount - 1).toBe(expected.length);
    expect(columnValues(sheet, "Status").filter((s) => s === "fail")).toHaveLength(result.summary.counts.byStatus.fail);
    expect(columnValues(sheet, "Status").filter((s) => s === "unknown")).toHaveLength(result.summary.counts.byStatus.unknown);
    expect(columnValues(sheet, "Suppressed").filter((s) => s === "yes")).toHaveLength(result.summary.counts.suppressed);
    expect(result.summary.counts.suppressed).toBeGreaterThan(0);
    const arns = new Set(columnValues(sheet, "Resource ARN"));
    for (const finding of expected) expect(arns.has(finding.resource.arn)).toBe(true);
  });

  it("Findings: frozen header, autofilter over every column, widths, wrapped long text", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const filter = sheet.autoFilter as unknown;
    const range = typeof filter === "string" ? filter : JSON.stringify(filter);
    expect(range).toMatch(/A1/);
    expect(range).toContain(`${sheet.getColumn(headerOf(sheet).length).letter}1`);
    expect(sheet.getColumn(columnIndex(sheet, "Remediation")).width).toBeGreaterThanOrEqual(40);
    expect(sheet.getRow(2).getCell(columnIndex(sheet, "Remediation")).alignment?.wrapText).toBe(true);
  });

  it("Findings: severity shown as text and as the severity's fill colour", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    for (let row = 2; row <= sheet.rowCount; row += 1) {
      const cell = sheet.getRow(row).getCell(1);
      const severity = cell.value as keyof typeof SEVERITY_COLOURS;
      expect(Object.keys(SEVERITY_COLOURS)).toContain(severity);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(SEVERITY_COLOURS[severity].fill);
    }
  });

  it("Findings: framework ids in their own columns", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    const urlRow = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown").findIndex((f) => f.checkId === "function-url-auth-none");
    expect(urlRow).toBeGreaterThanOrEqual(0);
    const checks = columnValues(sheet, "Check");
    const row = checks.indexOf("function-url-auth-none") + 2;
    expect(sheet.getRow(row).getCell(columnIndex(sheet, "AWS FSBP")).value).toBe("Lambda.1");
    expect(String(sheet.getRow(row).getCell(columnIndex(sheet, "NIST 800-53")).value)).toContain("AC-3");
  });

  it("no cell is a formula: hostile names stay strings, formula-like text is Text-formatted", () => {
    const hostile = [HOSTILE_NAMES.formula, HOSTILE_NAMES.plus, HOSTILE_NAMES.minus, HOSTILE_NAMES.at, HOSTILE_NAMES.tab, HOSTILE_NAMES.carriageReturn];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined();
        });
      });
    }
    const functions = workbook.getWorksheet("Functions")!;
    const names = columnValues(functions, "Function");
    for (const name of hostile) {
      const row = names.indexOf(xlsxText(name)) + 2;
      expect(row, `function ${JSON.stringify(name)} listed verbatim`).toBeGreaterThan(1);
      const cell = functions.getRow(row).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    }
    const findings = workbook.getWorksheet("Findings")!;
    expect(columnValues(findings, "Resource")).toContain(HOSTILE_NAMES.formula);
  });

  it("Functions, Compliance, Gaps, Checks and Summary match the JSON result", () => {
    expect(workbook.getWorksheet("Functions")!.rowCount - 1).toBe(result.functions.length);
    expect(workbook.getWorksheet("Compliance")!.rowCount - 1).toBe(result.compliance.length);
    expect(workbook.getWorksheet("Gaps")!.rowCount - 1).toBe(result.gaps.length);
    expect(workbook.getWorksheet("Checks")!.rowCount - 1).toBe(ALL_CHECKS.length);
    expect(columnValues(workbook.getWorksheet("Checks")!, "Check")).toEqual(ALL_CHECKS.map((check) => check.id));
    const summary = workbook.getWorksheet("Summary")!;
    const items = new Map<string, unknown>();
    summary.eachRow((row, index) => {
      if (index > 1) items.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(items.get("Account")).toBe(result.accountId);
    expect(items.get("Account score")).toBe(result.summary.score);
    expect(items.get("Account grade")).toBe(result.summary.grade);
    expect(items.get("Score: customer layer")).toBe(result.summary.scoresByLayer.customer);
    expect(items.get("Failed (open): critical")).toBe(result.summary.counts.failedBySeverity.critical);
    expect(items.get("Collection gaps")).toBe(result.gaps.length);
    expect(items.get("Notes (slower read paths; nothing unknown because of them)")).toBe(result.notes!.length);
    expect(items.get("Note")).toBe("lambda:ListCodeSigningConfigs in eu-west-1: not available at this endpoint (UnparseableResponse, HTTP 404 <h1>Not Found</h1>): code signing read per function");
    expect(items.get("Tool")).toBe(`${result.tool.name} ${result.tool.version}`);
    const functions = workbook.getWorksheet("Functions")!;
    const overall = columnValues(functions, "Overall score");
    expect(overall).toEqual(result.functions.map((fn) => fn.scores.overall));
  });

  it("writes the demo account", async () => {
    const { result: demo } = await demoScanResult();
    const book = await workbookFor(demo);
    const expected = expandedFindings(demo).filter((f) => f.status === "fail" || f.status === "unknown").length;
    expect(book.getWorksheet("Findings")!.rowCount - 1).toBe(expected);
    expect(book.getWorksheet("Functions")!.rowCount - 1).toBe(demo.functions.length);
  });

  it("keeps XML-illegal control characters out of the workbook", async () => {
    const base = fixtureScanResult();
    const broken: ScanResult = {
      ...base,
      gaps: [{ service: "lambda", operation: "GetPolicy", region: "eu-west-1", errorCode: "X", message: "bad \u0001\u0008 bytes \uD800 here" }],
    };
    const book = await workbookFor(broken);
    const cell = book.getWorksheet("Gaps")!.getRow(2).getCell(6).value;
    expect(cell).toBe("bad \uFFFD\uFFFD bytes \uFFFD here");
  });
});
