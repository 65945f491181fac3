import { SEVERITIES, type Severity } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { gradeCapNote } from "../engine/score.js";
import { AccountDirectory, accountsWorstFirst, notScannedText, openFailures, organizationLabel } from "./accounts.js";
import { compareFunctionsWorstFirst, findingHeadline, suppressedCounts } from "./finding-fields.js";
import { noteText } from "./notes.js";
import { clip, clipLeft, fit, fitList, nameOfArn, printable, wrap } from "./terminal-text.js";
import type { ReportContext, Reporter, TrendPoint } from "./types.js";

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
/** The stderr summary after a scan whose reports went to files: the essentials, then where to look. */
const SUMMARY_TOP_FINDINGS = 5;
const SUMMARY_GAP_ROWS = 3;

/** Formats that list every finding, by extension, for "… N more in …". */
const FULL_LISTINGS = ["json", "csv", "html", "xlsx", "md"];

const formatScore = (score: number | null) => (score === null ? "  n/a" : score.toFixed(1).padStart(5));

type Paint = (colour: string, text: string) => string;

interface TerminalOptions {
  color: boolean;
  width: number;
  /** The other reports of this run (file names), which "… N more" may point to. */
  companions?: readonly string[] | undefined;
  history?: readonly TrendPoint[] | undefined;
}

/** The terminal's width, within the range the layout is made for; 80 is what a file or pipe gets. */
const usableWidth = (width: number) => Math.max(60, Math.min(width, 120));

/** Where the findings not shown are: the reports this run wrote, or how to get one. */
function moreFindingsText(count: number, companions: readonly string[] | undefined): string {
  const listings = (companions ?? []).filter((name) => FULL_LISTINGS.some((extension) => name.endsWith(`.${extension}`)));
  return listings.length > 0
    ? `… ${count} more in ${listings.join(", ")}`
    : `… ${count} more: add --format json, csv or html to list them all`;
}

function headerLines(result: ScanResult, width: number, paint: Paint, organization?: OrganizationResult): string[] {
  const { summary } = result;
  const title = `lambda-posture ${printable(result.tool.version)}`;
  if (organization) {
    const { accounts } = organization.summary;
    return [
      paint("bold", title) + clip(` · ${printable(organizationLabel(organization))} · ${result.regions.length} region(s) · ${summary.functions} function(s)`, width - title.length),
      `${accounts.total} account(s): ${accounts.scanned} scanned, ${accounts.failed} failed, ${accounts.skipped} skipped`,
      clip(`Started ${printable(organization.startedAt)} · finished ${printable(organization.finishedAt)}`, width),
    ];
  }
  return [
    paint("bold", title) + clip(` · account ${printable(result.accountId)} · ${result.regions.length} region(s) · ${summary.functions} function(s)`, width - title.length),
    `Collected ${printable(result.collectedAt)}`,
  ];
}

/** Score, grade and, when a critical failure caps the grade, why; layer scores; counts that do not mislead. */
function scoreLines(result: ScanResult, width: number, paint: Paint, organization?: OrganizationResult): string[] {
  const { summary } = result;
  const grade = summary.grade ?? "-";
  const lines = [
    `${organization ? "Organisation" : "Account"} score ${paint("bold", formatScore(summary.score).trim())}  grade ${paint(GRADE_COLOUR[grade] ?? "bold", grade)}` +
      `   coverage ${summary.coverage === null ? "n/a" : `${summary.coverage}%`}`,
  ];
  const cap = gradeCapNote(summary.score, summary.grade);
  if (cap) lines.push(...wrap(`grade ${cap}`, width - 2).map((line) => `  ${line}`));
  lines.push(
    `  provider ${formatScore(summary.scoresByLayer.provider)}   customer ${formatScore(summary.scoresByLayer.customer)}   shared ${formatScore(summary.scoresByLayer.shared)}`,
  );
  const failed = SEVERITIES.map((severity) => `${severity} ${summary.counts.failedBySeverity[severity]}`);
  // Measured without colour codes; one space apart when two do not fit.
  const gap = `Open failures: ${failed.join("  ")}`.length <= width ? "  " : " ";
  lines.push(`Open failures: ${failed.map((text, i) => paint(SEVERITY_COLOUR[SEVERITIES[i]!], text)).join(gap)}`);
  lines.push(
    `Passed ${summary.counts.byStatus.pass} · unknown ${summary.counts.byStatus.unknown} · not applicable ${summary.counts.byStatus.not_applicable} · gaps ${summary.counts.gaps}`,
  );
  // Accepted failures and suppressed passes are different things: never one "suppressed" number.
  const suppressed = suppressedCounts(result);
  if (suppressed.failures + suppressed.passes + suppressed.other > 0) {
    lines.push(
      `Suppressed: ${suppressed.failures} failure(s) accepted · ${suppressed.passes} pass(es)` +
        (suppressed.other > 0 ? ` · ${suppressed.other} unknown or not applicable` : ""),
    );
  }
  return lines;
}

function openFindings(result: ScanResult): Finding[] {
  return expandedFindings(result, (finding) => finding.status === "fail" && !finding.suppressed).sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      a.accountId.localeCompare(b.accountId) ||
      a.resource.name.localeCompare(b.resource.name, undefined, { numeric: true }),
  );
}

/**
 * Gaps grouped by read, error and region, each naming the resources it left unknown (their names,
 * as many as fit) or saying that it covers the whole region.
 */
function gapLines(result: ScanResult, width: number, paint: Paint, maxRows: number): string[] {
  const lines = [paint("bold", clip(`Gaps: ${result.gaps.length} read(s) failed; checks that needed them report unknown`, width))];
  const grouped = new Map<string, { count: number; resources: string[]; regionWide: boolean }>();
  for (const gap of result.gaps) {
    const key = `${gap.service}:${gap.operation} ${gap.errorCode} ${gap.region}`;
    const entry = grouped.get(key) ?? { count: 0, resources: [], regionWide: false };
    entry.count += 1;
    if (gap.resourceArn === undefined) entry.regionWide = true;
    else if (entry.resources.length < 50) entry.resources.push(nameOfArn(gap.resourceArn));
    grouped.set(key, entry);
  }
  const rows = [...grouped.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  for (const [key, entry] of rows.slice(0, maxRows)) {
    const head = `  ${printable(key)}${entry.count > 1 ? ` ×${entry.count}` : ""}:`;
    const named = [...new Set([...(entry.regionWide ? ["the whole region"] : []), ...entry.resources.map(printable)])];
    const rest = entry.count - (entry.regionWide ? 1 : 0) - entry.resources.length;
    const list = rest > 0 ? [...named, `+${rest} more`] : named;
    // The names follow on the same line when there is room for them, else on the next one.
    if (head.length <= width - 24) lines.push(`${head} ${fitList(list, width - head.length - 1)}`);
    else lines.push(clip(head, width), `    ${fitList(list, width - 4)}`);
  }
  if (rows.length > maxRows) lines.push(paint("dim", `  … ${rows.length - maxRows} more kinds`));
  return lines;
}

/** The trend of the stored scans (--history) in two lines. */
function trendLines(history: readonly TrendPoint[], width: number): string[] {
  if (history.length < 2) return [];
  const shown = history.slice(-6).map((point) => formatScore(point.score).trim());
  const last = history.at(-1)!;
  return [
    clip(`Trend of ${history.length} stored scans: ${history.length > 6 ? "… " : ""}${shown.join(" → ")}`, width),
    `  since the previous scan: ${last.newFindings ?? "-"} new, ${last.resolvedFindings ?? "-"} resolved`,
  ];
}

/**
 * The terminal summary. With `organization` (the result is then its view), the header counts
 * accounts, the worst accounts and the ones not scanned (with why) come before the findings, and
 * each finding names its account. Every line fits `width` (80 for a file or a pipe).
 */
export function renderTerminal(result: ScanResult, options: TerminalOptions, organization?: OrganizationResult): string {
  const width = usableWidth(options.width);
  const paint: Paint = (colour, text) => (options.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text);
  const lines: string[] = [...headerLines(result, width, paint, organization), "", ...scoreLines(result, width, paint, organization)];
  if (options.history) {
    const trend = trendLines(options.history, width);
    if (trend.length > 0) lines.push("", ...trend);
  }

  const worst = [...result.functions]
    .filter((fn) => fn.scores.overall !== null)
    .sort((a, b) => compareFunctionsWorstFirst(a, b) || a.name.localeCompare(b.name))
    .slice(0, MAX_WORST_FUNCTIONS);
  if (worst.length > 0) {
    lines.push("", paint("bold", "Worst functions"));
    const nameWidth = width - 40;
    lines.push(`  ${"GRADE"} ${"SCORE"}  ${fit("FUNCTION", nameWidth)} ${fit("REGION", 15)} FAIL`);
    for (const fn of worst) {
      const g = fn.grade ?? "-";
      lines.push(
        `  ${paint(GRADE_COLOUR[g] ?? "bold", fit(g, 5))} ${formatScore(fn.scores.overall)}  ${fit(printable(fn.name), nameWidth)} ${fit(printable(fn.region), 15)} ${fn.counts.failed}`,
      );
    }
  }

  if (organization) lines.push(...accountLines(organization, width, paint));

  const open = openFindings(result);
  if (open.length > 0) {
    lines.push("", paint("bold", `Top failed findings (${open.length} open)`));
    const accounts = organization ? new AccountDirectory(organization) : undefined;
    for (const finding of open.slice(0, MAX_TOP_FINDINGS)) lines.push(...findingLines(finding, width, paint, accounts));
    if (open.length > MAX_TOP_FINDINGS) lines.push(paint("dim", clip(`  ${moreFindingsText(open.length - MAX_TOP_FINDINGS, options.companions)}`, width)));
  }

  // An organisation's gaps are its accounts that could not be scanned: listed above with why.
  if (result.gaps.length > 0 && !organization) lines.push("", ...gapLines(result, width, paint, MAX_GAP_ROWS));

  const notes = result.notes ?? [];
  if (notes.length > 0) {
    lines.push("", paint("bold", clip(`Notes: ${notes.length} read(s) took a slower path; nothing is unknown because of them`, width)));
    for (const note of notes.slice(0, MAX_GAP_ROWS)) lines.push(`  ${clip(printable(noteText(note)), width - 2)}`);
    if (notes.length > MAX_GAP_ROWS) lines.push(paint("dim", `  … ${notes.length - MAX_GAP_ROWS} more in the JSON or HTML report`));
  }

  if (result.suppressions.expired.length > 0) {
    lines.push("", paint("bold", `Expired suppressions (no longer applied): ${result.suppressions.expired.length}`));
    for (const s of result.suppressions.expired) {
      // The resource on its own line, cut from the left: its name is what tells entries apart.
      lines.push(`  ${clip(printable(`${s.checkId} (expired ${s.expires ?? ""})`), width - 2)}`);
      lines.push(`    ${clipLeft(printable(s.resource), width - 4)}`);
    }
  }
  if (result.checkErrors.length > 0) {
    lines.push("", paint("red", clip(`Check errors: ${result.checkErrors.length} result(s) are unknown because a check failed`, width)));
    for (const e of result.checkErrors.slice(0, 5)) {
      lines.push(`  ${clip(printable(`${e.checkId} on ${nameOfArn(e.resourceArn)}: ${e.message}`), width - 2)}`);
    }
  }
  return `${lines.map((line) => line.trimEnd()).join("\n")}\n`;
}

/**
 * The short summary printed on stderr when no terminal report goes to stdout (the reports went to
 * files): score, grade and why, counts, the top failures, the gaps, and the files written.
 */
export function renderTerminalSummary(
  result: ScanResult,
  options: { width: number; written: readonly string[]; history?: readonly TrendPoint[] | undefined },
  organization?: OrganizationResult,
): string {
  const width = usableWidth(options.width);
  const paint: Paint = (_colour, text) => text;
  const header = headerLines(result, width, paint, organization).slice(0, organization ? 2 : 1);
  const lines: string[] = ["", ...header, ...scoreLines(result, width, paint, organization)];
  if (options.history) lines.push(...trendLines(options.history, width));
  const open = openFindings(result);
  if (open.length > 0) {
    lines.push(`Top failed findings (${open.length} open):`);
    for (const finding of open.slice(0, SUMMARY_TOP_FINDINGS)) lines.push(findingLines(finding, width, paint)[0]!);
    const names = options.written.map((path) => path.split(/[\\/]/).pop() ?? path);
    if (open.length > SUMMARY_TOP_FINDINGS) lines.push(clip(`  ${moreFindingsText(open.length - SUMMARY_TOP_FINDINGS, names)}`, width));
  }
  if (result.gaps.length > 0) lines.push(...gapLines(result, width, paint, SUMMARY_GAP_ROWS));
  if (options.written.length > 0) {
    lines.push("Wrote:");
    for (const path of options.written) lines.push(`  ${clipLeft(printable(path), width - 2)}`);
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

/**
 * A failed finding in two lines: the severity, the resource and what is wrong (its message), then
 * indented under it, the account (in an organisation), the check id and the control's title.
 */
function findingLines(finding: Finding, width: number, paint: Paint, accounts?: AccountDirectory): string[] {
  const severity = paint(SEVERITY_COLOUR[finding.severity], fit(finding.severity.toUpperCase(), 8));
  const account = accounts ? `[${finding.accountId}${accounts.name(finding.accountId) ? ` ${accounts.name(finding.accountId)}` : ""}] ` : "";
  const resource = printable(finding.resource.name);
  const headline = printable(findingHeadline(finding));
  const room = width - 11;
  // The resource keeps at least half the room when the message is long; the message gets the rest.
  const who = clip(resource, Math.max(12, room - headline.length - 2, Math.floor(room / 2)));
  return [
    `  ${severity} ${clip(`${who}: ${headline}`, room)}`,
    `  ${" ".repeat(8)} ${paint("dim", clip(printable(`${account}${finding.checkId} · ${finding.title}`), room))}`,
  ];
}

export const terminalReporter: Reporter = {
  format: "terminal",
  extension: "txt",
  description: "Human summary for an 80-column terminal: scores, counts, worst functions, gaps",
  binary: false,
  render: (context: ReportContext) =>
    renderTerminal(context.result, { color: context.color, width: context.width, companions: context.companions, history: context.history }, context.organization),
};
