import { SEVERITIES, type Severity } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { terminalSafeLine } from "../text/terminal.js";
import { AccountDirectory, accountsWorstFirst, notScannedText, openFailures, organizationLabel } from "./accounts.js";
import { noteText } from "./notes.js";
import type { ReportContext, Reporter } from "./types.js";

const ANSI: Record<string, string> = {
  reset: "\u001b[0m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  red: "\u001b[31m",
  magenta: "\u001b[35m",
  yellow: "\u001b[33m",
  green: "\u001b[32m",
  cyan: "\u001b[36m",
};

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "magenta",
  high: "red",
  medium: "yellow",
  low: "cyan",
  info: "dim",
};

const GRADE_COLOUR: Record<string, string> = { A: "green", B: "green", C: "yellow", D: "red", F: "red" };

const MAX_WORST_FUNCTIONS = 10;
const MAX_TOP_FINDINGS = 10;
const MAX_GAP_ROWS = 10;
const MAX_WORST_ACCOUNTS = 10;
const MAX_NOT_SCANNED = 10;

/** Shortens to `width` columns; strings from AWS may be long (ARNs, names up to 64 characters). */
function fit(text: string, width: number): string {
  if (width <= 1) return text.slice(0, Math.max(0, width));
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/** Every string from the result (AWS data, file contents) passes through this before it is shown. */
const printable = terminalSafeLine;

const formatScore = (score: number | null) => (score === null ? "  n/a" : score.toFixed(1).padStart(5));

type Paint = (colour: string, text: string) => string;

/**
 * The terminal summary. With `organization` (the result is then its view), the header counts
 * accounts, the worst accounts and the ones not scanned (with why) come before the findings, and
 * each finding names its account.
 */
export function renderTerminal(result: ScanResult, options: { color: boolean; width: number }, organization?: OrganizationResult): string {
  const width = Math.max(60, Math.min(options.width, 120));
  const paint: Paint = (colour, text) => (options.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  const { summary } = result;

  if (organization) {
    const { accounts } = organization.summary;
    lines.push(
      paint("bold", `lambda-posture ${printable(result.tool.version)}`) +
        ` · ${printable(organizationLabel(organization))} · ${result.regions.length} region(s) · ${summary.functions} function(s)`,
    );
    lines.push(`${accounts.total} account(s): ${accounts.scanned} scanned, ${accounts.failed} failed, ${accounts.skipped} skipped`);
    lines.push(`Started ${printable(organization.startedAt)} · finished ${printable(organization.finishedAt)}`);
  } else {
    lines.push(
      paint("bold", `lambda-posture ${printable(result.tool.version)}`) +
        ` · account ${printable(result.accountId)} · ${result.regions.length} region(s) · ${summary.functions} function(s)`,
    );
    lines.push(`Collected ${printable(result.collectedAt)}`);
  }
  lines.push("");
  const grade = summary.grade ?? "-";
  lines.push(
    `${organization ? "Organisation" : "Account"} score ${paint("bold", formatScore(summary.score).trim())}  grade ${paint(GRADE_COLOUR[grade] ?? "bold", grade)}` +
      `   coverage ${summary.coverage === null ? "n/a" : `${summary.coverage}%`}`,
  );
  lines.push(
    `  provider ${formatScore(summary.scoresByLayer.provider)}   customer ${formatScore(summary.scoresByLayer.customer)}   shared ${formatScore(summary.scoresByLayer.shared)}`,
  );
  const failed = SEVERITIES.map((severity) => paint(SEVERITY_COLOUR[severity], `${severity} ${summary.counts.failedBySeverity[severity]}`));
  lines.push(`Failed: ${failed.join("  ")}`);
  lines.push(
    `Passed ${summary.counts.byStatus.pass} · unknown ${summary.counts.byStatus.unknown} · not applicable ${summary.counts.byStatus.not_applicable}` +
      ` · suppressed ${summary.counts.suppressed} · gaps ${summary.counts.gaps}`,
  );

  const worst = [...result.functions]
    .filter((fn) => fn.scores.overall !== null)
    .sort((a, b) => (a.scores.overall ?? 0) - (b.scores.overall ?? 0) || a.name.localeCompare(b.name))
    .slice(0, MAX_WORST_FUNCTIONS);
  if (worst.length > 0) {
    lines.push("", paint("bold", "Worst functions"));
    const nameWidth = Math.max(20, width - 40);
    lines.push(`  ${"GRADE"} ${"SCORE"}  ${fit("FUNCTION", nameWidth)} ${fit("REGION", 15)} FAIL`);
    for (const fn of worst) {
      const g = fn.grade ?? "-";
      lines.push(
        `  ${paint(GRADE_COLOUR[g] ?? "bold", fit(g, 5))} ${formatScore(fn.scores.overall)}  ${fit(printable(fn.name), nameWidth)} ${fit(printable(fn.region), 15)} ${fn.counts.failed}`,
      );
    }
  }

  if (organization) lines.push(...accountLines(organization, width, paint));

  const open = expandedFindings(result, (finding) => finding.status === "fail" && !finding.suppressed).sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      a.accountId.localeCompare(b.accountId),
  );
  if (open.length > 0) {
    lines.push("", paint("bold", `Top failed findings (${open.length} open)`));
    const accounts = organization ? new AccountDirectory(organization) : undefined;
    for (const finding of open.slice(0, MAX_TOP_FINDINGS)) lines.push(findingLine(finding, width, paint, accounts));
    if (open.length > MAX_TOP_FINDINGS) lines.push(paint("dim", `  … ${open.length - MAX_TOP_FINDINGS} more in the JSON, CSV or HTML report`));
  }

  // An organisation's gaps are its accounts that could not be scanned: listed above with why.
  if (result.gaps.length > 0 && !organization) {
    lines.push("", paint("bold", `Gaps: ${result.gaps.length} read(s) failed; checks that needed them report unknown`));
    const grouped = new Map<string, number>();
    for (const gap of result.gaps) {
      const key = `${gap.service}:${gap.operation} ${gap.errorCode} ${gap.region}`;
      grouped.set(key, (grouped.get(key) ?? 0) + 1);
    }
    const rows = [...grouped.entries()].sort((a, b) => b[1] - a[1]);
    for (const [key, count] of rows.slice(0, MAX_GAP_ROWS)) lines.push(`  ${fit(printable(key), width - 10)} ×${count}`);
    if (rows.length > MAX_GAP_ROWS) lines.push(paint("dim", `  … ${rows.length - MAX_GAP_ROWS} more kinds`));
  }

  const notes = result.notes ?? [];
  if (notes.length > 0) {
    lines.push("", paint("bold", `Notes: ${notes.length} read(s) took a slower path; nothing is unknown because of them`));
    for (const note of notes.slice(0, MAX_GAP_ROWS)) lines.push(`  ${fit(printable(noteText(note)), width - 2)}`);
    if (notes.length > MAX_GAP_ROWS) lines.push(paint("dim", `  … ${notes.length - MAX_GAP_ROWS} more in the JSON or HTML report`));
  }

  if (result.suppressions.expired.length > 0) {
    lines.push("", paint("bold", `Expired suppressions (no longer applied): ${result.suppressions.expired.length}`));
    for (const s of result.suppressions.expired) lines.push(`  ${fit(printable(`${s.checkId} ${s.resource} (expired ${s.expires ?? ""})`), width - 2)}`);
  }
  if (result.checkErrors.length > 0) {
    lines.push("", paint("red", `Check errors: ${result.checkErrors.length} result(s) are unknown because a check failed`));
    for (const e of result.checkErrors.slice(0, 5)) lines.push(`  ${fit(printable(`${e.checkId} on ${e.resourceArn}: ${e.message}`), width - 2)}`);
  }
  return `${lines.map((line) => line.trimEnd()).join("\n")}\n`;
}

/** The worst scanned accounts by score, then every account that was not scanned and why. */
function accountLines(organization: OrganizationResult, width: number, paint: Paint): string[] {
  const lines: string[] = [];
  const ranked = accountsWorstFirst(organization.accounts);
  const scanned = ranked.filter((entry) => entry.status === "scanned");
  if (scanned.length > 0) {
    lines.push("", paint("bold", "Worst accounts"));
    const nameWidth = Math.max(12, width - 52);
    lines.push(`  GRADE SCORE  ${fit("ACCOUNT", 12)} ${fit("NAME", nameWidth)} FAIL UNKNOWN FUNCTIONS`);
    for (const entry of scanned.slice(0, MAX_WORST_ACCOUNTS)) {
      const g = entry.summary?.grade ?? "-";
      lines.push(
        `  ${paint(GRADE_COLOUR[g] ?? "bold", fit(g, 5))} ${formatScore(entry.summary?.score ?? null)}  ${fit(printable(entry.accountId), 12)} ` +
          `${fit(printable(entry.name ?? ""), nameWidth)} ${String(openFailures(entry) ?? "-").padStart(4)} ` +
          `${String(entry.summary?.counts.byStatus.unknown ?? "-").padStart(7)} ${String(entry.summary?.functions ?? "-").padStart(9)}`,
      );
    }
    if (scanned.length > MAX_WORST_ACCOUNTS) lines.push(paint("dim", `  … ${scanned.length - MAX_WORST_ACCOUNTS} more accounts in the JSON, XLSX or HTML report`));
  }
  const notScanned = ranked.filter((entry) => entry.status !== "scanned");
  if (notScanned.length > 0) {
    lines.push("", paint("bold", `Not scanned: ${notScanned.length} account(s)`));
    for (const entry of notScanned.slice(0, MAX_NOT_SCANNED)) {
      const who = entry.name ? `${entry.accountId} ${entry.name}` : entry.accountId;
      lines.push(`  ${fit(printable(`${who} · ${notScannedText(entry)}`), width - 2)}`);
    }
    if (notScanned.length > MAX_NOT_SCANNED) lines.push(paint("dim", `  … ${notScanned.length - MAX_NOT_SCANNED} more in the JSON, XLSX or HTML report`));
  }
  return lines;
}

function findingLine(finding: Finding, width: number, paint: Paint, accounts?: AccountDirectory): string {
  const severity = paint(SEVERITY_COLOUR[finding.severity], fit(finding.severity.toUpperCase(), 8));
  const account = accounts ? ` [${finding.accountId}${accounts.name(finding.accountId) ? ` ${accounts.name(finding.accountId)}` : ""}]` : "";
  const head = printable(`${finding.checkId} ${finding.resource.name}${account}`);
  return `  ${severity} ${fit(head, width - 11)}`;
}

export const terminalReporter: Reporter = {
  format: "terminal",
  extension: "txt",
  description: "Human summary for an 80-column terminal: scores, counts, worst functions, gaps",
  binary: false,
  render: (context: ReportContext) => renderTerminal(context.result, { color: context.color, width: context.width }, context.organization),
};
