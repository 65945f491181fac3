import type { CollectResult } from "../collect/index.js";
import type { ScanResult } from "../engine/result-schema.js";
import { check, type CheckOptions } from "./check.js";
import { collect, type CollectOptions } from "./collect.js";

export interface ScanOptions extends CollectOptions, Omit<CheckOptions, "checks" | "skipChecks" | "startedAt"> {}

export interface ScanOutcome extends CollectResult {
  result: ScanResult;
}

/** `collect` then `check`: one account, read-only, with the same check selection for both. */
export async function scan(options: ScanOptions): Promise<ScanOutcome> {
  const startedAt = new Date();
  const { checkSettings, suppressions, minimumSeverity, scanId, ...collectOptions } = options;
  const collected = await collect(collectOptions);
  const result = await check(collected.snapshot, {
    ...(options.checks ? { checks: options.checks } : {}),
    ...(options.skipChecks ? { skipChecks: options.skipChecks } : {}),
    ...(checkSettings ? { checkSettings } : {}),
    ...(suppressions ? { suppressions } : {}),
    ...(minimumSeverity ? { minimumSeverity } : {}),
    ...(scanId ? { scanId } : {}),
    startedAt,
  });
  return { ...collected, result };
}
