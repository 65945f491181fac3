import type ExcelJS from "exceljs";
import { FRAMEWORK_NAMES } from "../data/frameworks.js";
import { LAYERS, SEVERITIES, type Severity } from "../engine/check.js";
import type { ScanResult } from "../engine/result-schema.js";
import { AccountDirectory } from "./accounts.js";
import { looksLikeFormula, xlsxText } from "./cells.js";
import {
  FRAMEWORK_KEYS,
  FRAMEWORK_SHORT_NAMES,
  STATUS_LABELS,
  actionableFindings,
  evidenceText,
  frameworkIdList,
} from "./finding-fields.js";
import { noteText } from "./notes.js";
import type { ReportContext, Reporter } from "./types.js";
import { ACCOUNTS_COLUMNS, accountRows, organizationSummaryRows } from "./xlsx-accounts.js";

export type CellInput = string | number | boolean | null | undefined;

export interface ColumnSpec {
  header: string;
  width: number;
  /** Long text: wrapped, top-aligned. */
  wrap?: boolean;
}

/** Fill (ARGB) and font colour per severity: the cell carries the text too, so colour is never the only cue. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, { fill: string; font: string }>> = {
  critical: { fill: "FF8E0000", font: "FFFFFFFF" },
  high: { fill: "FFD84315", font: "FFFFFFFF" },
  medium: { fill: "FFF9A825", font: "FF000000" },
  low: { fill: "FF1565C0", font: "FFFFFFFF" },
  info: { fill: "FFBDBDBD", font: "FF000000" },
};

export const XLSX_SHEETS = ["Summary", "Findings", "Functions", "Compliance", "Gaps", "Check errors", "Checks"] as const;
/** An organisation's workbook: per-function summaries stay in each account's own workbook. */
export const XLSX_ORGANIZATION_SHEETS = ["Summary", "Accounts", "Findings", "Compliance", "Gaps", "Check errors", "Checks"] as const;

export const FINDINGS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Severity", width: 11 },
  { header: "Status", width: 10 },
  { header: "Suppressed", width: 11 },
  { header: "Check", width: 30 },
  { header: "Title", width: 40, wrap: true },
  { header: "Resource", width: 28 },
  { header: "Resource type", width: 13 },
  { header: "Region", width: 14 },
  { header: "Layer", width: 10 },
  { header: "Phase", width: 11 },
  { header: "Reason", width: 22 },
  { header: "Message", width: 50, wrap: true },
  { header: "Evidence", width: 40, wrap: true },
  { header: "Remediation", width: 60, wrap: true },
  { header: "Suppression reason", width: 30, wrap: true },
  { header: "Suppression expires", width: 14 },
  { header: "Resource ARN", width: 60 },
  ...FRAMEWORK_KEYS.map((key) => ({ header: FRAMEWORK_SHORT_NAMES[key], width: 18, wrap: true })),
  // Appended, as in the CSV: present in a single account's workbook too, so sheets of several line up.
  { header: "Account", width: 14 },
  { header: "Account name", width: 24 },
];

/**
 * Writes one cell. Text is stored as a string cell (never as a formula); text that a spreadsheet
 * would take for a formula when edited or re-imported also gets the Text number format "@".
 */
function writeCell(cell: ExcelJS.Cell, value: CellInput): void {
  if (value === null || value === undefined) return;
  if (typeof value === "string") {
    cell.value = xlsxText(value);
    if (looksLikeFormula(value)) cell.numFmt = "@";
    return;
  }
  cell.value = value;
}

function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly ColumnSpec[],
  rows: readonly CellInput[][],
  options: { autoFilter?: boolean } = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const header = sheet.getRow(1);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE0E0E0" } };
    cell.alignment = { vertical: "top" };
  });
  rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(rowIndex + 2);
    values.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      writeCell(cell, value);
      if (columns[index]?.wrap) cell.alignment = { wrapText: true, vertical: "top" };
      else cell.alignment = { vertical: "top" };
    });
  });
  if (options.autoFilter !== false) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function summaryRows(result: ScanResult): CellInput[][] {
  const { summary } = result;
  const counts = summary.counts;
  return [
    ["Account", result.accountId],
    ["Partition", result.partition],
    ["Regions", result.regions.join(", ")],
    ["Scan id", result.scanId],
    ["Scan started", result.startedAt],
    ["Scan finished", result.finishedAt],
    ["Configuration collected", result.collectedAt],
    ["Tool", `${result.tool.name} ${result.tool.version}`],
    ["Functions", summary.functions],
    ["Account score", summary.score],
    ["Account grade", summary.grade],
    ...LAYERS.map((layer): CellInput[] => [`Score: ${layer} layer`, summary.scoresByLayer[layer]]),
    ["Coverage (% of applicable results decided)", summary.coverage],
    ...SEVERITIES.map((severity): CellInput[] => [`Failed (open): ${severity}`, counts.failedBySeverity[severity]]),
    ["Results: pass", counts.byStatus.pass],
    ["Results: fail", counts.byStatus.fail],
    ["Results: unknown", counts.byStatus.unknown],
    ["Results: not applicable", counts.byStatus.not_applicable],
    ["Suppressed failures", counts.suppressed],
    ["Collection gaps", counts.gaps],
    ["Notes (slower read paths; nothing unknown because of them)", result.notes?.length ?? 0],
    // Few (one per region and listing at most), so on this sheet rather than a sheet of their own.
    ...(result.notes ?? []).map((note): CellInput[] => ["Note", noteText(note)]),
    ["Check errors", counts.checkErrors],
    ["Expired suppressions", result.suppressions.expired.length],
    ["Unmatched suppressions", result.suppressions.unmatched.length],
    ["Minimum severity listed", result.filters.minimumSeverity],
    ["Checks run", result.checks.length],
  ];
}

export async function renderXlsx(context: ReportContext): Promise<Uint8Array> {
  const { result, checks, organization } = context;
  const accounts = new AccountDirectory(organization);
  // exceljs takes a fifth of the CLI's start-up; only runs that write a workbook load it.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  workbook.creator = result.tool.name;
  workbook.created = new Date(result.finishedAt);
  workbook.modified = new Date(result.finishedAt);

  addTable(
    workbook,
    "Summary",
    [
      { header: "Item", width: 42 },
      { header: "Value", width: 60, wrap: true },
    ],
    organization ? organizationSummaryRows(organization, result, summaryRows(result)) : summaryRows(result),
    { autoFilter: false },
  );
  if (organization) addTable(workbook, "Accounts", ACCOUNTS_COLUMNS, accountRows(organization));

  const findings = actionableFindings(result);
  const findingsSheet = addTable(
    workbook,
    "Findings",
    FINDINGS_COLUMNS,
    findings.map((f) => [
      f.severity,
      STATUS_LABELS[f.status],
      f.suppressed ? "yes" : "no",
      f.checkId,
      f.title,
      f.resource.name,
      f.resource.type,
      f.resource.region,
      f.layer,
      f.phase,
      f.reason,
      f.message,
      evidenceText(f.evidence),
      f.remediation,
      f.suppressed?.reason,
      f.suppressed?.expires,
      f.resource.arn,
      ...FRAMEWORK_KEYS.map((key) => frameworkIdList(f, key)),
      f.accountId,
      accounts.name(f.accountId),
    ]),
  );
  findings.forEach((finding, index) => {
    const cell = findingsSheet.getRow(index + 2).getCell(1);
    const colour = SEVERITY_COLOURS[finding.severity];
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colour.fill } };
    cell.font = { bold: true, color: { argb: colour.font } };
    if (finding.suppressed) findingsSheet.getRow(index + 2).getCell(3).font = { italic: true };
  });

  // An organisation's per-function summaries stay in each account's own workbook.
  if (!organization) {
    addTable(
      workbook,
      "Functions",
      [
        { header: "Function", width: 30 },
        { header: "Region", width: 14 },
        { header: "Runtime", width: 14 },
        { header: "Grade", width: 8 },
        { header: "Overall score", width: 13 },
        { header: "Provider score", width: 14 },
        { header: "Customer score", width: 15 },
        { header: "Shared score", width: 13 },
        { header: "Coverage %", width: 11 },
        { header: "Passed", width: 9 },
        { header: "Failed", width: 9 },
        { header: "Unknown", width: 9 },
        { header: "Not applicable", width: 14 },
        { header: "Suppressed", width: 11 },
        { header: "Role", width: 50, wrap: true },
        { header: "Triggers", width: 50, wrap: true },
        { header: "Function ARN", width: 60 },
      ],
      result.functions.map((fn) => [
        fn.name,
        fn.region,
        fn.runtime ?? "(container image)",
        fn.grade,
        fn.scores.overall,
        fn.scores.provider,
        fn.scores.customer,
        fn.scores.shared,
        fn.coverage,
        fn.counts.passed,
        fn.counts.failed,
        fn.counts.unknown,
        fn.counts.notApplicable,
        fn.counts.suppressed,
        fn.role ?? "(none read)",
        fn.triggers.join("\n"),
        fn.arn,
      ]),
    );
  }

  addTable(
    workbook,
    "Compliance",
    [
      { header: "Framework", width: 36 },
      { header: "Control", width: 14 },
      { header: "Title", width: 50, wrap: true },
      { header: "Checks", width: 40, wrap: true },
      { header: "Pass", width: 8 },
      { header: "Fail", width: 8 },
      { header: "Unknown", width: 9 },
      { header: "Not applicable", width: 14 },
    ],
    result.compliance.map((control) => [
      FRAMEWORK_NAMES[control.framework as keyof typeof FRAMEWORK_NAMES] ?? control.framework,
      control.control,
      control.title,
      control.checkIds.join("\n"),
      control.pass,
      control.fail,
      control.unknown,
      control.notApplicable,
    ]),
  );

  addTable(
    workbook,
    "Gaps",
    [
      { header: "Service", width: 12 },
      { header: "Operation", width: 30 },
      { header: "Region", width: 14 },
      { header: "Resource ARN", width: 60 },
      { header: "Error code", width: 24 },
      { header: "Message", width: 60, wrap: true },
      { header: "Partial list", width: 11 },
      { header: "Account", width: 14 },
    ],
    result.gaps.map((gap) => [
      gap.service,
      gap.operation,
      gap.region,
      gap.resourceArn ?? "(whole region)",
      gap.errorCode,
      gap.message,
      gap.partial ? "yes" : "no",
      "accountId" in gap && typeof gap.accountId === "string" ? gap.accountId : result.accountId,
    ]),
  );

  addTable(
    workbook,
    "Check errors",
    [
      { header: "Check", width: 30 },
      { header: "Resource ARN", width: 60 },
      { header: "Error", width: 80, wrap: true },
    ],
    result.checkErrors.map((error) => [error.checkId, error.resourceArn, error.message]),
  );

  addTable(
    workbook,
    "Checks",
    [
      { header: "Check", width: 30 },
      { header: "Title", width: 40, wrap: true },
      { header: "Severity", width: 10 },
      { header: "Layer", width: 10 },
      { header: "Phase", width: 11 },
      { header: "Resource type", width: 13 },
      ...FRAMEWORK_KEYS.map((key) => ({ header: FRAMEWORK_SHORT_NAMES[key], width: 18, wrap: true })),
      { header: "Reads (API operations)", width: 30, wrap: true },
      { header: "Rationale", width: 60, wrap: true },
      { header: "Remediation", width: 60, wrap: true },
      { header: "Limitations", width: 50, wrap: true },
    ],
    checks.map((check) => [
      check.id,
      check.title,
      check.severity,
      check.layer,
      check.phase,
      check.resourceType,
      ...FRAMEWORK_KEYS.map((key) => (check.frameworks[key] ?? []).join(", ")),
      check.requires.join("\n"),
      check.rationale,
      check.remediation,
      check.limitations,
    ]),
  );

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export const xlsxReporter: Reporter = {
  format: "xlsx",
  extension: "xlsx",
  description: "Excel workbook: summary, findings (filterable), functions (an organisation: accounts), compliance, gaps and checks",
  binary: true,
  render: renderXlsx,
};
