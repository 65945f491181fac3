export {
  DIFF_SCHEMA_VERSION,
  diffScanResults,
  findingKey,
  hasNewFindingsAtOrAbove,
  newFindingsAtOrAbove,
  type FindingChange,
  type FindingChangeKind,
  type FunctionScoreChange,
  type NewFinding,
  type ResolvedFinding,
  type ScanDiff,
  type ScoreChange,
} from "./diff.js";
export { parseScanResult, readScanResult } from "./read.js";
export { DIFF_FORMATS, isDiffFormat, renderDiff, type DiffFormat, type RenderDiffOptions } from "./render.js";
export { trendPoint } from "./history.js";
