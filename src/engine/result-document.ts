import { z } from "zod";
import { scanResultSchema, type ResultFinding, type ScanResult } from "./result-schema.js";

/**
 * The scan result as its JSON document stores it (schemaVersion 3). Most results of a large account
 * pass or do not apply and say nothing beyond their check, status and reason: written one per line,
 * 400,000 of them were more than half of a 10,000-function result. The document keeps in `findings`
 * only the results with something of their own (failed and unknown ones with their sentence and
 * evidence, and any suppressed one) and lists the rest in `compactFindings`, one line per check,
 * status and reason with the indexes of their resources. Reading it back gives the result exactly:
 * each check's findings are ordered by resource index (src/engine/evaluate.ts keeps them so).
 */

/** Every result of one check with this status and reason that carries nothing else. */
export const compactFindingGroupSchema = z.object({
  checkId: z.string(),
  status: z.enum(["pass", "not_applicable"]),
  reason: z.string(),
  resources: z.array(z.number().int().nonnegative()),
});
export type CompactFindingGroup = z.infer<typeof compactFindingGroupSchema>;

/** `compactFindings` absent: every finding is in `findings` (the result itself, as JSON.stringify writes it). */
export const scanResultDocumentSchema = scanResultSchema.extend({ compactFindings: z.array(compactFindingGroupSchema).optional() });
export type ScanResultDocument = z.infer<typeof scanResultDocumentSchema>;

/** A finding the document can list by its resource index alone. */
function isCompact(finding: ResultFinding): finding is ResultFinding & { status: CompactFindingGroup["status"] } {
  return (
    (finding.status === "pass" || finding.status === "not_applicable") &&
    finding.message === undefined &&
    finding.evidence === undefined &&
    finding.suppressed === undefined
  );
}

/** The result as its document: members in the result's order, `compactFindings` right after `findings`. */
export function toResultDocument(result: ScanResult): ScanResultDocument {
  const findings: ResultFinding[] = [];
  const groups: CompactFindingGroup[] = [];
  // Groups by check, then status and reason, without a key string per finding.
  const byCheck = new Map<string, Map<string, Map<string, CompactFindingGroup>>>();
  let last: CompactFindingGroup | undefined;
  for (const finding of result.findings) {
    if (!isCompact(finding)) {
      findings.push(finding);
      continue;
    }
    // A check's results come together, mostly in runs of one status and reason.
    if (last && last.checkId === finding.checkId && last.status === finding.status && last.reason === finding.reason) {
      last.resources.push(finding.resource);
      continue;
    }
    let byStatus = byCheck.get(finding.checkId);
    if (!byStatus) byCheck.set(finding.checkId, (byStatus = new Map()));
    let byReason = byStatus.get(finding.status);
    if (!byReason) byStatus.set(finding.status, (byReason = new Map()));
    let group = byReason.get(finding.reason);
    if (!group) {
      group = { checkId: finding.checkId, status: finding.status, reason: finding.reason, resources: [] };
      byReason.set(finding.reason, group);
      groups.push(group);
    }
    group.resources.push(finding.resource);
    last = group;
  }
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) {
    if (key !== "findings") {
      document[key] = value;
      continue;
    }
    document.findings = findings;
    document.compactFindings = groups;
  }
  return document as ScanResultDocument;
}

/**
 * The result a document stores: every finding again, in the order of the result's `checks` and,
 * within a check, of resource index. Findings of a check the result does not list come last, so
 * that validation names them.
 */
export function fromResultDocument(document: ScanResultDocument): ScanResult {
  const { compactFindings, findings: detailed, ...rest } = document;
  if (compactFindings === undefined) return { ...rest, findings: detailed };
  const position = new Map(document.checks.map((check, index) => [check.id, index]));
  const buckets: ResultFinding[][] = document.checks.map(() => []);
  const strays: ResultFinding[] = [];
  const bucketOf = (checkId: string) => {
    const index = position.get(checkId);
    return index === undefined ? strays : (buckets[index] as ResultFinding[]);
  };
  for (const finding of detailed) bucketOf(finding.checkId).push(finding);
  for (const group of compactFindings) {
    const bucket = bucketOf(group.checkId);
    for (const resource of group.resources) bucket.push({ checkId: group.checkId, status: group.status, reason: group.reason, resource });
  }
  const findings: ResultFinding[] = [];
  for (const bucket of buckets) {
    // Stable: a broken document with two findings on one resource keeps them in document order.
    bucket.sort((a, b) => a.resource - b.resource);
    for (const finding of bucket) findings.push(finding);
  }
  for (const finding of strays) findings.push(finding);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    result[key] = value;
    if (key === "resources") result.findings = findings;
  }
  if (!("findings" in result)) result.findings = findings;
  return result as ScanResult;
}
