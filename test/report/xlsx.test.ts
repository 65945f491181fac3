import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { xlsxText } from "../../src/report/cells.js";
import { SEVERITY_COLOURS, renderXlsx, xlsxReporter } from "../../src/report/xlsx.js";
import { sheetNames } from "../../src/report/xlsx-writer.js";
import { writeReports } from "../../src/cli/write-reports.js";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { HOSTILE_NAMES, contextFor, demoScanResult, fixtureScanResult } from "./scan-results.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { actionableFindings, findingHeadline, remediationUrl, suppressedCounts } from "../../src/report/finding-fields.js";
import { evidenceFacts } from "../../src/report/evidence-facts.js";
import { compareWorstFirst, gradeCapNote } from "../../src/engine/score.js";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function workbookFor(result: ScanResult): Promise<ExcelJS.Workbook> {
  const bytes = await xlsxReporter.render(contextFor(result));
  expect(bytes).toBeInstanceOf(Uint8Array);
  return load(bytes as Uint8Array);
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
        "Severity", "Finding", "Status", "Suppressed", "Check", "Control", "Resource", "Resource type", "Region", "Layer", "Phase", "Reason",
        "Evidence", "Remediation", "Remediation URL", "Suppression reason", "Suppression expires", "Resource ARN",
        "NIST 800-53", "OWASP Serverless", "HIPAA", "AWS FSBP", "CIS", "Account", "Account name",
      ],
      Functions: [
        "Function", "Region", "Runtime", "Grade", "Grade capped", "Overall score", "Provider score", "Customer score", "Shared score", "Coverage %",
        "Passed", "Failed", "Unknown", "Not applicable", "Accepted risks", "Role", "Triggers", "Function ARN",
      ],
      Compliance: ["Framework", "Control", "Title", "Checks", "Pass", "Fail (open)", "Accepted risks", "Unknown", "Not applicable"],
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
    expect(columnValues(sheet, "Suppressed").filter((s) => s === "yes")).toHaveLength(expected.filter((f) => f.suppressed).length);
    expect(expected.filter((f) => f.suppressed).length).toBeGreaterThan(0);
    const arns = new Set(columnValues(sheet, "Resource ARN"));
    for (const finding of expected) expect(arns.has(finding.resource.arn)).toBe(true);
  });

  it("Findings: each row leads with what is wrong, keeps the control title, evidence as labelled facts, a remediation URL", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    const findings = actionableFindings(result);
    expect(columnValues(sheet, "Finding")).toEqual(findings.map((f) => xlsxText(findingHeadline(f))));
    expect(columnValues(sheet, "Finding")).toEqual(findings.map((f) => xlsxText(f.message || f.title)));
    expect(columnValues(sheet, "Control")).toEqual(findings.map((f) => f.title));
    expect(columnValues(sheet, "Remediation URL")).toEqual(findings.map((f) => remediationUrl(f.checkId)));
    const evidence = columnValues(sheet, "Evidence");
    findings.forEach((f, index) => {
      const facts = evidenceFacts(f.evidence);
      if (facts.length === 0) expect(evidence[index]).toBeNull();
      else expect(evidence[index]).toBe(xlsxText(facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n")));
    });
    expect(evidence.some((cell) => typeof cell === "string" && !cell.trimStart().startsWith("{"))).toBe(true);
  });

  it("Compliance: open failures and accepted risks (suppressed failures) in columns of their own", () => {
    const sheet = workbook.getWorksheet("Compliance")!;
    expect(columnValues(sheet, "Fail (open)")).toEqual(result.compliance.map((control) => control.fail));
    expect(columnValues(sheet, "Accepted risks")).toEqual(result.compliance.map((control) => control.accepted ?? null));
    expect(result.compliance.some((control) => (control.accepted ?? 0) > 0)).toBe(true);
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
    expect(items.get("Account grade: why")).toBe(gradeCapNote(result.summary.score, result.summary.grade) ?? "the score's own band");
    // Suppressed failures and suppressed passes apart; no one "suppressed" number over both.
    const suppressed = suppressedCounts(result);
    expect(items.get("Suppressed failures (accepted risks)")).toBe(suppressed.failures);
    expect(items.get("Suppressed passes")).toBe(suppressed.passes);
    expect(items.get("Suppressed unknown or not applicable")).toBe(suppressed.other);
    expect(items.has("Suppressed failures")).toBe(false);
    const functions = workbook.getWorksheet("Functions")!;
    // Worst first: by grade, then by score.
    const worstFirst = [...result.functions].sort((a, b) => compareWorstFirst({ grade: a.grade, score: a.scores.overall }, { grade: b.grade, score: b.scores.overall }));
    expect(columnValues(functions, "Function ARN")).toEqual(worstFirst.map((fn) => fn.arn));
    expect(columnValues(functions, "Overall score")).toEqual(worstFirst.map((fn) => fn.scores.overall));
    expect(columnValues(functions, "Grade capped")).toEqual(worstFirst.map((fn) => gradeCapNote(fn.scores.overall, fn.grade)));
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

  it("prints landscape, one page wide (the Summary on one page), the header row on every page", () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: sheet.name === "Summary" ? 1 : 0 });
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toBe("1:1");
    }
  });
});

describe("xlsx reporter at Excel's row limit", () => {
  it("names the sheets a table takes", () => {
    expect(sheetNames("Findings", 0, 1_048_576)).toEqual(["Findings"]);
    expect(sheetNames("Findings", 1_048_575, 1_048_576)).toEqual(["Findings"]);
    expect(sheetNames("Findings", 1_048_576, 1_048_576)).toEqual(["Findings", "Findings (2)"]);
    expect(sheetNames("Gaps", 7, 4)).toEqual(["Gaps", "Gaps (2)", "Gaps (3)"]);
  });

  it("continues a table on further sheets, each with its header, filter and frozen row, and says so in the Summary", async () => {
    const result = fixtureScanResult();
    const expected = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");
    // A limit of 6 rows (header + 5) stands for Excel's 1,048,576.
    const book = await load(await renderXlsx(contextFor(result), { maxRowsPerSheet: 6 }));
    const parts = book.worksheets.filter((sheet) => /^Findings( \(\d+\))?$/.test(sheet.name));
    expect(parts.map((sheet) => sheet.name)).toEqual(sheetNames("Findings", expected.length, 6));
    expect(parts.length).toBe(Math.ceil(expected.length / 5));
    expect(parts.reduce((rows, sheet) => rows + sheet.rowCount - 1, 0)).toBe(expected.length);
    for (const sheet of parts) {
      expect(sheet.rowCount, sheet.name).toBeLessThanOrEqual(6);
      expect(sheet.getRow(1).getCell(1).value).toBe("Severity");
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(JSON.stringify(sheet.autoFilter)).toMatch(/A1/);
    }
    const arns = parts.flatMap((sheet) => Array.from({ length: sheet.rowCount - 1 }, (_, row) => sheet.getRow(row + 2).getCell(columnIndex(sheet, "Resource ARN")).value));
    expect(arns).toEqual(actionableArns(result));
    // The sheets follow each other in the workbook's order.
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names.indexOf("Findings (2)")).toBe(names.indexOf("Findings") + 1);
    const summary = new Map(book.getWorksheet("Summary")!.getSheetValues().slice(2).map((row) => [String((row as unknown[])[1]), (row as unknown[])[2]]));
    expect(summary.get(`Findings: split over ${parts.length} sheets`)).toBe(`${parts.map((sheet) => sheet.name).join(", ")}: more than 5 rows, a sheet's limit`);
    expect(summary.get("Summary: split over 2 sheets")).toBeUndefined();
  });
});

describe("xlsx reporter as a stream", () => {
  it("writes the same workbook to a stream as render() returns, ending the stream", async () => {
    const context = contextFor(fixtureScanResult());
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => sink.on("end", resolve));
    await xlsxReporter.writeTo!(context, sink);
    await ended;
    const streamed = await load(new Uint8Array(Buffer.concat(chunks)));
    const rendered = await load((await xlsxReporter.render(context)) as Uint8Array);
    expect(streamed.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual(rendered.worksheets.map((sheet) => [sheet.name, sheet.rowCount]));
  });

  it("the CLI writes it to its file privately (0600) through the stream", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lambda-posture-xlsx-"));
    try {
      const result = fixtureScanResult();
      const io = { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
      const written = await writeReports(result, ALL_CHECKS, { formats: ["xlsx"], outputDir: dir }, io);
      expect(written).toEqual([join(dir, "lambda-posture.xlsx")]);
      expect((await stat(written[0]!)).mode & 0o777).toBe(0o600);
      const book = await load(new Uint8Array(await readFile(written[0]!)));
      expect(book.getWorksheet("Findings")!.rowCount - 1).toBe(actionableArns(result).length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function actionableArns(result: ScanResult): string[] {
  return actionableFindings(result).map((f) => f.resource.arn);
}
