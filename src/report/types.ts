import type { AnyCheck } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { Grade } from "../engine/score.js";

/** What every reporter receives. Reporters format; they decide nothing (filters, scores come from the engine). */
export interface ReportContext {
  /** One account's result, or for an organisation its view (`organizationView`): totals and open findings. */
  result: ScanResult;
  /**
   * Present when the report is of an organisation: its accounts (names, OUs, per-account summaries and
   * files, the ones not scanned and why). Findings name their account (`Finding.accountId`).
   */
  organization?: OrganizationResult;
  /** The checks that ran, for catalogue sheets and titles. */
  checks: readonly AnyCheck[];
  /** Colour and terminal width only matter to the terminal reporter. */
  color: boolean;
  width: number;
  /**
   * File names of the other reports this run writes (`lambda-posture.json`, …), so that a report
   * points only to files that exist; absent or empty when it is the only one.
   */
  companions?: readonly string[];
  /** Stored scans of `--history DIR`, oldest first, this scan last; absent without --history. */
  history?: readonly TrendPoint[];
}

export interface Reporter {
  format: string;
  /** File name written under --output-dir: `lambda-posture.<extension>`. */
  extension: string;
  description: string;
  /** Binary formats (xlsx) cannot go to stdout on a terminal. */
  binary: boolean;
  render(context: ReportContext): string | Uint8Array | Promise<string | Uint8Array>;
  /**
   * The same output in pieces, for formats that grow with the number of findings: the CLI writes
   * them as they come, so a 300,000-finding report never exists as one string.
   */
  stream?(context: ReportContext): Iterable<string>;
  /**
   * Binary output written as it is produced (the workbook's zip), ending `out` when done: the CLI
   * gives it the report file's stream, so a large workbook never sits in memory whole.
   */
  writeTo?(context: ReportContext, out: NodeJS.WritableStream): Promise<void>;
}

/** One stored scan of `--history DIR`, as the trend chart and `history` show it. */
export interface TrendPoint {
  scanId: string;
  finishedAt: string;
  score: number | null;
  grade: Grade | null;
  scoresByLayer: { provider: number | null; customer: number | null; shared: number | null };
  /** Against the stored scan before it; null for the first one. */
  newFindings: number | null;
  resolvedFindings: number | null;
}
