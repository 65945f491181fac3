import { Writable } from "node:stream";
import { FRAMEWORK_NAMES } from "../data/frameworks.js";
import { LAYERS, SEVERITIES, type Severity } from "../engine/check.js";
import type { ScanResult } from "../engine/result-schema.js";
import { gradeCapNote } from "../engine/score.js";
import { evidenceFacts } from "./evidence-facts.js";
import { AccountDirectory, accountsWorstFirst } from "./accounts.js";
import {
  compareFunctionsWorstFirst,
  FRAMEWORK_KEYS,
  FRAMEWORK_SHORT_NAMES,
  STATUS_LABELS,
  actionableFindings,
  findingHeadline,
  remediationUrl,
  suppressedCounts,
  frameworkIdList,
} from "./finding-fields.js";
import { noteText } from "./notes.js";
import type { ReportContext, Reporter } from "./types.js";
import { ACCOUNTS_COLUMNS, accountCells, gradeWhy, organizationSummaryRows } from "./xlsx-accounts.js";
import { EXCEL_MAX_ROWS, cellStyle, sheetNames, writeTable, type CellInput, type CellStyle, type ColumnSpec, type TableSpec } from "./xlsx-writer.js";

export type { CellInput, ColumnSpec } from "./xlsx-writer.js";

/** Fill (ARGB) and font colour per severity: the cell carries the text too, so colour is never the only cue. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, { fill: string; font: string }>> = {
  critical: { fill: "FF8E0000", font: "FFFFFFFF" },
  high: { fill: "FFD84315", font: "FFFFFFFF" },
  medium: { fill: "FFF9A825", font: "FF000000" },
  low: { fill: "FF1565C0", font: "FFFFFFFF" },
  info: { fill: "FFBDBDBD", font: "FF000000" },
};

const SEVERITY_STYLES = Object.fromEntries(
  SEVERITIES.map((severity) => {
    const colour = SEVERITY_COLOURS[severity];
    return [severity, cellStyle({ fill: { type: "pattern", pattern: "solid", fgColor: { argb: colour.fill } }, font: { bold: true, color: { argb: colour.font } } })];
  }),
) as Record<Severity, CellStyle>;
const SUPPRESSED_STYLE = cellStyle({ font: { italic: true } });

/** Evidence as short labelled facts, one a line: what a reviewer reads in a cell. */
function evidenceCell(evidence: Record<string, unknown>): string | null {
  const facts = evidenceFacts(evidence);
  return facts.length === 0 ? null : facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n");
}

export const XLSX_SHEETS = ["Summary", "Findings", "Functions", "Compliance", "Gaps", "Check errors", "Checks"] as const;
/** An organisation's workbook: per-function summaries stay in each account's own workbook. */
export const XLSX_ORGANIZATION_SHEETS = ["Summary", "Accounts", "Findings", "Compliance", "Gaps", "Check errors", "Checks"] as const;

export const FINDINGS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Severity", width: 11 },
  // What is wrong (the message): a title states the desired state, so "fail | <title>" reads like a pass.
  { header: "Finding", width: 50, wrap: true },
  { header: "Status", width: 10 },
  { header: "Suppressed", width: 11 },
  { header: "Check", width: 30 },
  { header: "Control", width: 40, wrap: true },
  { header: "Resource", width: 28 },
  { header: "Resource type", width: 13 },
  { header: "Region", width: 14 },
  { header: "Layer", width: 10 },
  { header: "Phase", width: 11 },
  { header: "Reason", width: 22 },
  // Labelled facts in words (statement, principal, the deciding condition…); the raw evidence is in the JSON report.
  { header: "Evidence", width: 45, wrap: true },
  { header: "Remediation", width: 60, wrap: true },
  { header: "Remediation URL", width: 30 },
  { header: "Suppression reason", width: 30, wrap: true },
  { header: "Suppression expires", width: 14 },
  { header: "Resource ARN", width: 60 },
  ...FRAMEWORK_KEYS.map((key) => ({ header: FRAMEWORK_SHORT_NAMES[key], width: 18, wrap: true })),
  // Appended, as in the CSV: present in a single account's workbook too, so sheets of several line up.
  { header: "Account", width: 14 },
  { header: "Account name", width: 24 },
];
const SUPPRESSED_COLUMN = FINDINGS_COLUMNS.findIndex((column) => column.header === "Suppressed");

function summaryRows(result: ScanResult): CellInput[][] {
  const { summary } = result;
  const counts = summary.counts;
  const suppressed = suppressedCounts(result);
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
    ["Account grade: why", gradeWhy(summary.score, summary.grade)],
    ...LAYERS.map((layer): CellInput[] => [`Score: ${layer} layer`, summary.scoresByLayer[layer]]),
    ["Coverage (% of applicable results decided)", summary.coverage],
    ...SEVERITIES.map((severity): CellInput[] => [`Failed (open): ${severity}`, counts.failedBySeverity[severity]]),
    ["Results: pass", counts.byStatus.pass],
    ["Results: fail", counts.byStatus.fail],
    ["Results: unknown", counts.byStatus.unknown],
    ["Results: not applicable", counts.byStatus.not_applicable],
    // Apart: an accepted failure is a risk someone signed off, a suppressed pass is noise in the file.
    ["Suppressed failures (accepted risks)", suppressed.failures],
    ["Suppressed passes", suppressed.passes],
    ["Suppressed unknown or not applicable", suppressed.other],
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

const FUNCTIONS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Function", width: 30 },
  { header: "Region", width: 14 },
  { header: "Runtime", width: 14 },
  { header: "Grade", width: 8 },
  // Empty when the grade is the score's own band.
  { header: "Grade capped", width: 36, wrap: true },
  { header: "Overall score", width: 13 },
  { header: "Provider score", width: 14 },
  { header: "Customer score", width: 15 },
  { header: "Shared score", width: 13 },
  { header: "Coverage %", width: 11 },
  { header: "Passed", width: 9 },
  { header: "Failed", width: 9 },
  { header: "Unknown", width: 9 },
  { header: "Not applicable", width: 14 },
  // The function's tally counts a suppressed failure here (not as failed); a suppressed pass stays a pass.
  { header: "Accepted risks", width: 10 },
  { header: "Role", width: 50, wrap: true },
  { header: "Triggers", width: 50, wrap: true },
  { header: "Function ARN", width: 60 },
];

const COMPLIANCE_COLUMNS: readonly ColumnSpec[] = [
  { header: "Framework", width: 36 },
  { header: "Control", width: 14 },
  { header: "Title", width: 50, wrap: true },
  { header: "Checks", width: 40, wrap: true },
  { header: "Pass", width: 8 },
  { header: "Fail (open)", width: 10 },
  // Failures a suppression accepted: not open, not passed either.
  { header: "Accepted risks", width: 10 },
  { header: "Unknown", width: 9 },
  { header: "Not applicable", width: 14 },
];

const GAPS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Service", width: 12 },
  { header: "Operation", width: 30 },
  { header: "Region", width: 14 },
  { header: "Resource ARN", width: 60 },
  { header: "Error code", width: 24 },
  { header: "Message", width: 60, wrap: true },
  { header: "Partial list", width: 11 },
  { header: "Account", width: 14 },
];

const CHECK_ERRORS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Check", width: 30 },
  { header: "Resource ARN", width: 60 },
  { header: "Error", width: 80, wrap: true },
];

const CHECKS_COLUMNS: readonly ColumnSpec[] = [
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
];

const SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { header: "Item", width: 42 },
  { header: "Value", width: 60, wrap: true },
];

export interface XlsxOptions {
  /** Rows per sheet, header included; Excel's limit unless a test needs a small one. */
  maxRowsPerSheet?: number;
}

/** The Summary's rows naming the tables that continue on further sheets. */
function splitRows(tables: readonly TableSpec<never>[], maxRows: number): CellInput[][] {
  return tables.flatMap((table): CellInput[][] => {
    const names = sheetNames(table.name, table.items.length, maxRows);
    if (names.length === 1) return [];
    return [[`${table.name}: split over ${names.length} sheets`, `${names.join(", ")}: more than ${(maxRows - 1).toLocaleString("en-US")} rows, a sheet's limit`]];
  });
}

/**
 * Writes the workbook to `out` as it goes (the zip ends the stream). The tables' row counts are known
 * before anything is written, so the Summary, written first, can name the sheets that were split.
 */
export async function writeXlsx(context: ReportContext, out: NodeJS.WritableStream, options: XlsxOptions = {}): Promise<void> {
  const { result, checks, organization } = context;
  const maxRows = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
  const accounts = new AccountDirectory(organization);
  // exceljs takes a fifth of the CLI's start-up; only runs that write a workbook load it.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out as unknown as import("node:stream").Stream, useStyles: true, useSharedStrings: true });
  workbook.creator = result.tool.name;
  workbook.created = new Date(result.finishedAt);
  workbook.modified = new Date(result.finishedAt);

  const findings = actionableFindings(result);
  const tables: TableSpec<never>[] = [];
  const table = <T>(spec: TableSpec<T>) => tables.push(spec as unknown as TableSpec<never>);

  if (organization) table({ name: "Accounts", columns: ACCOUNTS_COLUMNS, items: accountsWorstFirst(organization.accounts), cells: accountCells });
  table({
    name: "Findings",
    columns: FINDINGS_COLUMNS,
    items: findings,
    cells: (f) => [
      f.severity,
      findingHeadline(f),
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
      evidenceCell(f.evidence),
      f.remediation,
      remediationUrl(f.checkId),
      f.suppressed?.reason,
      f.suppressed?.expires,
      f.resource.arn,
      ...FRAMEWORK_KEYS.map((key) => frameworkIdList(f, key)),
      f.accountId,
      accounts.name(f.accountId),
    ],
    styleOf: (finding, column) => (column === 0 ? SEVERITY_STYLES[finding.severity] : column === SUPPRESSED_COLUMN && finding.suppressed ? SUPPRESSED_STYLE : undefined),
  });
  // An organisation's per-function summaries stay in each account's own workbook.
  if (!organization) {
    table({
      name: "Functions",
      columns: FUNCTIONS_COLUMNS,
      items: [...result.functions].sort((a, b) => compareFunctionsWorstFirst(a, b)),
      cells: (fn) => [
        fn.name,
        fn.region,
        fn.runtime ?? "(container image)",
        fn.grade,
        gradeCapNote(fn.scores.overall, fn.grade),
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
      ],
    });
  }
  table({
    name: "Compliance",
    columns: COMPLIANCE_COLUMNS,
    items: result.compliance,
    cells: (control) => [
      FRAMEWORK_NAMES[control.framework as keyof typeof FRAMEWORK_NAMES] ?? control.framework,
      control.control,
      control.title,
      control.checkIds.join("\n"),
      control.pass,
      control.fail,
      control.accepted ?? null,
      control.unknown,
      control.notApplicable,
    ],
  });
  table({
    name: "Gaps",
    columns: GAPS_COLUMNS,
    items: result.gaps,
    cells: (gap) => [
      gap.service,
      gap.operation,
      gap.region,
      gap.resourceArn ?? "(whole region)",
      gap.errorCode,
      gap.message,
      gap.partial ? "yes" : "no",
      "accountId" in gap && typeof gap.accountId === "string" ? gap.accountId : result.accountId,
    ],
  });
  table({ name: "Check errors", columns: CHECK_ERRORS_COLUMNS, items: result.checkErrors, cells: (error) => [error.checkId, error.resourceArn, error.message] });
  table({
    name: "Checks",
    columns: CHECKS_COLUMNS,
    items: checks,
    cells: (check) => [
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
    ],
  });

  // A few dozen rows whatever the account's size: never split, so it can name the sheets that were.
  const summary = [...(organization ? organizationSummaryRows(organization, result, summaryRows(result)) : summaryRows(result)), ...splitRows(tables, maxRows)];
  await writeTable(workbook, { name: "Summary", columns: SUMMARY_COLUMNS, items: summary, cells: (row) => row, autoFilter: false, onePage: true }, EXCEL_MAX_ROWS);
  for (const spec of tables) await writeTable(workbook, spec, maxRows);
  await workbook.commit();
}

/** The whole workbook as bytes (stdout, tests); files are written with `writeTo`, as a stream. */
export async function renderXlsx(context: ReportContext, options: XlsxOptions = {}): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeXlsx(context, sink, options);
  return new Uint8Array(Buffer.concat(chunks));
}

export const xlsxReporter: Reporter = {
  format: "xlsx",
  extension: "xlsx",
  description: "Excel workbook: summary, findings (filterable), functions (an organisation: accounts), compliance, gaps and checks",
  binary: true,
  render: (context) => renderXlsx(context),
  writeTo: (context, out) => writeXlsx(context, out),
};
