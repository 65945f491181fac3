import { FRAMEWORK_NAMES, type FrameworkKey } from "../data/frameworks.js";
import { compareWorstFirst } from "../engine/score.js";
import { PROJECT_HOMEPAGE } from "../package-info.js";
import { SEVERITIES, type Severity } from "../engine/check.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, FunctionSummary, ScanResult } from "../engine/result-schema.js";

/**
 * Field formatting shared by the human-facing reporters (xlsx, html, markdown), so a score, a
 * framework list or a piece of evidence reads the same in each of them.
 */

export const FRAMEWORK_KEYS = Object.keys(FRAMEWORK_NAMES) as FrameworkKey[];

/** Short column labels for framework ids. */
export const FRAMEWORK_SHORT_NAMES: Readonly<Record<FrameworkKey, string>> = {
  nist80053: "NIST 800-53",
  owaspServerless: "OWASP Serverless",
  hipaa: "HIPAA",
  fsbp: "AWS FSBP",
  cis: "CIS",
};

/** Findings a person acts on: failed or undecided (suppressed ones included; the reporter marks them). */
export function actionableFindings(result: ScanResult): Finding[] {
  return sortFindings(expandedFindings(result, (f) => f.status === "fail" || f.status === "unknown"));
}

const severityOrder = (s: Severity) => SEVERITIES.indexOf(s);
const statusOrder: Record<Finding["status"], number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

/** Most urgent first: open before suppressed, failed before unknown, then severity, check, resource. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) ||
      statusOrder[a.status] - statusOrder[b.status] ||
      severityOrder(a.severity) - severityOrder(b.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      a.resource.arn.localeCompare(b.resource.arn),
  );
}

export function formatScore(score: number | null): string {
  return score === null ? "n/a" : score.toFixed(1);
}

export function formatPercent(value: number | null): string {
  return value === null ? "n/a" : `${value.toFixed(1)}%`;
}

export const STATUS_LABELS: Readonly<Record<Finding["status"], string>> = {
  pass: "pass",
  fail: "fail",
  unknown: "unknown",
  not_applicable: "not applicable",
};

/** `AC-3, IA-2` for one framework, empty when the check cites none. */
export function frameworkIdList(finding: Pick<Finding, "frameworks">, framework: FrameworkKey): string {
  return (finding.frameworks[framework] ?? []).join(", ");
}

/** Every cited control, prefixed with its framework: `NIST 800-53 AC-3`. */
export function frameworkIds(frameworks: Finding["frameworks"]): string[] {
  return FRAMEWORK_KEYS.flatMap((key) => (frameworks[key] ?? []).map((id) => `${FRAMEWORK_SHORT_NAMES[key]} ${id}`));
}

/** Evidence as `key: value` lines; values that are not text are shown as JSON. */
export function evidenceText(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("\n");
}

/**
 * What a row leads with: what is wrong for a failed or undecided result (its message), the control's
 * title otherwise. Titles state the desired state, so "fail | Function URL requires IAM
 * authentication" reads like a pass; the message says what was found.
 */
export function findingHeadline(finding: Pick<Finding, "status" | "message" | "title">): string {
  return (finding.status === "fail" || finding.status === "unknown") && finding.message !== "" ? finding.message : finding.title;
}

/**
 * Suppressed results by what they would have been: accepted failures are risks someone signed off,
 * suppressed passes are noise in a suppression file, and one number over both misleads.
 */
export function suppressedCounts(result: ScanResult): { failures: number; passes: number; other: number } {
  const byStatus = result.summary.counts.suppressedByStatus;
  if (byStatus) return { failures: byStatus.fail, passes: byStatus.pass, other: byStatus.unknown + byStatus.not_applicable };
  // Older results only have the total: count what the findings show.
  const counts = { failures: 0, passes: 0, other: 0 };
  for (const finding of result.findings) {
    if (!finding.suppressed) continue;
    if (finding.status === "fail") counts.failures += 1;
    else if (finding.status === "pass") counts.passes += 1;
    else counts.other += 1;
  }
  return counts;
}

/** The check's section of docs/checks.md in the project's repository (GitHub's heading anchor is the id). */
export function remediationUrl(checkId: string): string {
  return `${PROJECT_HOMEPAGE}/blob/main/docs/checks.md#${encodeURIComponent(checkId)}`;
}

/**
 * Remediation cut to fit a field of `maxLength` characters: whole sentences when possible, else whole
 * clauses, else whole words, and never inside a `command` (a half command pasted into a shell is worse
 * than none). A cut ends with "…"; the full text is at `remediationUrl`.
 */
export function remediationSummary(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = maxLength - 1;
  const outside = codeMask(text);
  const lastBoundary = (pattern: RegExp): number => {
    let best = -1;
    for (const match of text.matchAll(pattern)) {
      const end = match.index + 1;
      if (end > room) break;
      if (outside[match.index]) best = end;
    }
    return best;
  };
  const boundary = [/[.!?](?=\s)/g, /[;:,](?=\s)/g, /\S(?=\s)/g].map(lastBoundary).find((end) => end > 0);
  // One unbroken run (no space to cut at): cut anywhere outside a command.
  let cut = boundary ?? room;
  while (cut > 0 && !outside[cut - 1]) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** For each character, whether it is outside a backtick-quoted command. */
function codeMask(text: string): boolean[] {
  const mask: boolean[] = new Array(text.length);
  let inside = false;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === "`") inside = !inside;
    // An opening backtick is inside (cutting after it leaves half a command); a closing one is not.
    mask[i] = !inside;
  }
  return mask;
}

/** Functions worst first (grade, then overall score): the order every report lists them in. */
export function compareFunctionsWorstFirst(a: FunctionSummary, b: FunctionSummary): number {
  return compareWorstFirst({ grade: a.grade, score: a.scores.overall }, { grade: b.grade, score: b.scores.overall });
}

/** Cuts text to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Failed findings that count (not suppressed), tallied by a field, in the order of `keys`. */
export function countOpenFailures<K extends string>(
  findings: readonly Finding[],
  keys: readonly K[],
  keyOf: (finding: Finding) => K,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const finding of findings) {
    if (finding.status === "fail" && !finding.suppressed) counts[keyOf(finding)] += 1;
  }
  return counts;
}
