import type { CollectResult } from "../collect/index.js";
import type { AnyCheck } from "../engine/check.js";
import { collect } from "../library/collect.js";
import { selectRegions } from "../library/regions.js";
import { terminalSafe } from "../text/terminal.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { createProgressRenderer, renderCollectionLine, renderCollectionSummary } from "./progress.js";

/** The AWS SDK for JavaScript follows Node's release schedule; releases after early January 2027 need Node 22. */
const SDK_RECOMMENDED_NODE = 22;
const nodeMajor = (version: string) => Number(version.split(".")[0]);

/** Collection as `scan` and `collect` run it: only the reads the selected checks need. */
export async function collectAccount(options: ResolvedOptions, checks: readonly AnyCheck[], io: CliIO): Promise<CollectResult> {
  const regions = await selectRegions(options.regions, options.profile, io.env);
  if (nodeMajor(process.versions.node) < SDK_RECOMMENDED_NODE) {
    note(io, options.quiet, `note: Node ${process.versions.node} works; AWS SDK releases from January 2027 need Node ${SDK_RECOMMENDED_NODE} or later`);
  }
  const progress = createProgressRenderer(io, options.quiet);
  let collected: CollectResult;
  try {
    collected = await collect({
      regions,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.roleArn ? { roleArn: options.roleArn, sessionName: options.sessionName } : {}),
      ...(options.externalId ? { externalId: options.externalId } : {}),
      ...(options.sessionDuration ? { sessionDurationSeconds: Math.round(options.sessionDuration / 1000) } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.connectTimeout ? { connectTimeoutMs: options.connectTimeout } : {}),
      ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.deadline ? { deadlineMs: options.deadline } : {}),
      checks: checks.map((selected) => selected.id),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.done();
  }
  // Calls by operation interest whoever tunes a scan, not whoever reads its results: --verbose.
  note(io, options.quiet, options.verbose ? renderCollectionSummary(collected.stats, Math.min(io.columns, 100)).trimEnd() : renderCollectionLine(collected.stats));
  // Shown even with --quiet: these explain why results are unknown in an unattended run.
  const { stopped, unreachable } = collected.stats.notSent;
  if (collected.stoppedEarly) {
    io.stderr.write(`warning: ${terminalSafe(collected.stoppedEarly.message.replace(/^not read: /, ""))}: ${stopped} read(s) were not made; the checks that needed them report unknown\n`);
  }
  if (unreachable > 0) {
    io.stderr.write(`warning: ${unreachable} read(s) were not sent to endpoints that stopped answering (see the gaps with EndpointUnreachable)\n`);
  }
  if (io.env.LAMBDA_POSTURE_REPORT_STATS) {
    // For the benchmark: machine-readable collection statistics and this process's peak memory.
    io.stderr.write(`LAMBDA_POSTURE_STATS ${JSON.stringify({ ...collected.stats, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  }
  return collected;
}
