// TEMPORARY until the shared functions of the round-3 contract land on main; deleted at the merge.
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { gradeBand, type Grade } from "../engine/score.js";
export interface TrendPoint { scanId: string; finishedAt: string; score: number | null; grade: Grade | null;
  scoresByLayer: { provider: number | null; customer: number | null; shared: number | null };
  newFindings: number | null; resolvedFindings: number | null }
export function findingHeadline(f: Pick<Finding, "status" | "message" | "title">): string { return (f.status === "fail" || f.status === "unknown") && f.message ? f.message : f.title; }
export function evidenceFacts(e: Record<string, unknown>): Array<{ label: string; value: string }> { return Object.entries(e).map(([label, v]) => ({ label, value: typeof v === "string" ? v : JSON.stringify(v) })); }
export function remediationUrl(id: string): string { return `https://github.com/lambda-posture/lambda-posture/blob/main/docs/checks.md#${id}`; }
const ORDER = ["F", "D", "C", "B", "A"];
export function compareWorstFirst(a: { grade: Grade | null; score: number | null }, b: { grade: Grade | null; score: number | null }): number {
  const r = (g: Grade | null) => (g === null ? 9 : ORDER.indexOf(g));
  return r(a.grade) - r(b.grade) || (a.score ?? 101) - (b.score ?? 101);
}
export function gradeCapNote(score: number | null, grade: Grade | null): string | null {
  if (score === null || grade === null || gradeBand(score) === grade) return null;
  return `capped at ${grade} by an open critical failure (the score alone gives ${gradeBand(score)})`;
}
export function suppressedCounts(result: ScanResult): { failures: number; passes: number; other: number } {
  const c = { failures: 0, passes: 0, other: 0 };
  for (const f of result.findings) if (f.suppressed) { if (f.status === "fail") c.failures++; else if (f.status === "pass") c.passes++; else c.other++; }
  return c;
}
