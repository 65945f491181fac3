import { FRAMEWORK_NAMES, type FrameworkKey } from "../data/frameworks.js";
import { SEVERITIES, type Severity } from "../engine/check.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";

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
