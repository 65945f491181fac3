import type { CollectResult } from "../collect/index.js";
import type { AnyCheck } from "../engine/check.js";
import { collect } from "../library/collect.js";
import { InputError } from "./errors.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { createProgressRenderer, renderCollectionSummary } from "./progress.js";

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** --regions, else AWS_REGION / AWS_DEFAULT_REGION; `all` means the account's enabled regions. */
export function resolveRegionSelection(options: ResolvedOptions, env: NodeJS.ProcessEnv): readonly string[] | "all" {
  const requested = options.regions ?? [env.AWS_REGION ?? env.AWS_DEFAULT_REGION].filter((r): r is string => Boolean(r));
  if (requested.length === 0) {
    throw new InputError("no region to scan: give --regions eu-west-1,us-east-1 (or all), or set AWS_REGION");
  }
  if (requested.includes("all")) {
    if (requested.length > 1) throw new InputError("--regions: `all` cannot be combined with named regions");
    return "all";
  }
  for (const region of requested) {
    if (!REGION_NAME.test(region)) throw new InputError(`--regions: ${region} is not a region name such as eu-west-1`);
  }
  return [...new Set(requested)];
}

/** Collection as `scan` and `collect` run it: only the reads the selected checks need. */
export async function collectAccount(options: ResolvedOptions, checks: readonly AnyCheck[], io: CliIO): Promise<CollectResult> {
  const regions = resolveRegionSelection(options, io.env);
  const progress = createProgressRenderer(io, options.quiet);
  let collected: CollectResult;
  try {
    collected = await collect({
      regions,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.roleArn ? { roleArn: options.roleArn, sessionName: options.sessionName } : {}),
      ...(options.externalId ? { externalId: options.externalId } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      checks: checks.map((selected) => selected.id),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.done();
  }
  note(io, options.quiet, renderCollectionSummary(collected.stats, Math.min(io.columns, 100)).trimEnd());
  if (io.env.LAMBDA_POSTURE_REPORT_STATS) {
    // For the benchmark: machine-readable collection statistics and this process's peak memory.
    io.stderr.write(`LAMBDA_POSTURE_STATS ${JSON.stringify({ ...collected.stats, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  }
  return collected;
}
