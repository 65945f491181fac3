import type { OrganizationResult } from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { gradeCapNote, type Grade } from "../engine/score.js";

import { notScannedText, openFailures } from "./accounts.js";
import type { CellInput, ColumnSpec, LinkCell } from "./xlsx-writer.js";

/** The organisation workbook's own rows: its Summary and its Accounts sheet. */

/** One row per account; "Why not scanned" is empty for a scanned account. */
export const ACCOUNTS_COLUMNS: readonly ColumnSpec[] = [
  { header: "Account", width: 14 },
  { header: "Name", width: 28 },
  { header: "Parent (OU or root)", width: 22 },
  { header: "State", width: 12 },
  { header: "Status", width: 10 },
  { header: "Why not scanned", width: 50, wrap: true },
  { header: "Score", width: 8 },
  { header: "Grade", width: 8 },
  // Empty when the grade is the score's own band.
  { header: "Grade capped", width: 36, wrap: true },
  { header: "Provider score", width: 14 },
  { header: "Customer score", width: 15 },
  { header: "Shared score", width: 13 },
  { header: "Coverage %", width: 11 },
  { header: "Failed (open)", width: 12 },
  { header: "Unknown", width: 9 },
  { header: "Functions", width: 10 },
  { header: "Regions", width: 30, wrap: true },
  { header: "Collected", width: 24 },
  { header: "Account report", width: 40 },
  { header: "Account reports", width: 50, wrap: true },
];

/** The account's own report a person opens first: its workbook, else its HTML, else what was written. */
const DRILL_DOWN_FORMATS = ["xlsx", "html", "markdown", "md", "json"];

/** A link relative to the organisation's files (they sit beside it: accounts/ACCOUNT/…). */
function reportLink(files: Readonly<Record<string, string>>): LinkCell | null {
  const format = DRILL_DOWN_FORMATS.find((candidate) => files[candidate] !== undefined);
  const path = format ? files[format] : undefined;
  if (path === undefined) return null;
  // Spreadsheets resolve a relative link against the workbook's folder. Each segment percent-encoded:
  // a path read from a shard's result can never become a scheme (`javascript:`, `http:`) this way.
  return { text: path, hyperlink: path.split(/[\\/]/).map(encodeURIComponent).join("/") };
}

/** Beside every grade: why it is lower than the score's band, or that it is the score's own. */
export function gradeWhy(score: number | null, grade: Grade | null): string {
  if (grade === null) return "no grade: nothing decided to score";
  return gradeCapNote(score, grade) ?? "the score's own band";
}

/** Rows of a single account's Summary that an organisation's view has no value for. */
const ACCOUNT_ONLY_ROWS = new Set(["Account", "Configuration collected", "Account score", "Account grade", "Account grade: why", "Expired suppressions", "Unmatched suppressions"]);

/** The organisation's Summary: what it is and how its accounts fared, then the view's totals (`viewRows`). */
export function organizationSummaryRows(organization: OrganizationResult, result: ScanResult, viewRows: readonly CellInput[][]): CellInput[][] {
  const { accounts } = organization.summary;
  const rows = viewRows.filter(([item]) => !ACCOUNT_ONLY_ROWS.has(String(item)));
  return [
    ["Organisation", organization.organization?.id ?? "(not read)"],
    ["Management account", organization.organization?.managementAccountId ?? "(not read)"],
    ["Accounts", accounts.total],
    ["Accounts scanned", accounts.scanned],
    ["Accounts failed", accounts.failed],
    ["Accounts skipped", accounts.skipped],
    ["Accounts chosen by", organization.selection.source],
    ["Shard", organization.selection.shard ? `${organization.selection.shard.index}/${organization.selection.shard.count}` : "(all accounts)"],
    ["Organisation score", result.summary.score],
    ["Organisation grade", result.summary.grade],
    ["Organisation grade: why", gradeWhy(result.summary.score, result.summary.grade)],
    ...rows,
  ];
}

export function accountCells(entry: OrganizationResult["accounts"][number]): (CellInput | LinkCell)[] {
  const summary = entry.summary;
  return [
    entry.accountId,
    entry.name,
    entry.parentId,
    entry.state,
    entry.status,
    entry.status === "scanned" ? null : notScannedText(entry),
    summary?.score,
    summary?.grade,
    summary ? gradeCapNote(summary.score, summary.grade) : null,
    summary?.scoresByLayer.provider,
    summary?.scoresByLayer.customer,
    summary?.scoresByLayer.shared,
    summary?.coverage,
    openFailures(entry),
    summary?.counts.byStatus.unknown,
    summary?.functions,
    entry.regions.join(", "),
    entry.collectedAt,
    // Relative to the organisation report: the account's own findings, functions and gaps.
    reportLink(entry.files),
    Object.entries(entry.files).map(([format, path]) => `${format}: ${path}`).join("\n"),
  ];
}
