import type { ScanResult } from "../engine/result-schema.js";
import type { TrendPoint } from "../report/types.js";
import { diffScanResults } from "./diff.js";

/**
 * One scan as a point of the trend of scheduled scans (`--history DIR`): its scores and, against the
 * scan stored before it, how many findings are new and how many were resolved, counted by the same
 * diff as `lambda-posture diff` (a finding is its check id and resource ARN). The first stored scan
 * has no predecessor: its counts are null, not zero.
 */
export function trendPoint(current: ScanResult, previous: ScanResult | undefined): TrendPoint {
  const diff = previous ? diffScanResults(previous, current) : undefined;
  return {
    scanId: current.scanId,
    finishedAt: current.finishedAt,
    score: current.summary.score,
    grade: current.summary.grade,
    scoresByLayer: {
      provider: current.summary.scoresByLayer.provider,
      customer: current.summary.scoresByLayer.customer,
      shared: current.summary.scoresByLayer.shared,
    },
    newFindings: diff ? diff.counts.new : null,
    resolvedFindings: diff ? diff.counts.resolved : null,
  };
}
