import { remediationUrl } from "../report/finding-fields.js";
import { randomUUID } from "node:crypto";
import type { AnyCheck, Severity } from "../engine/check.js";
import { evaluateSnapshot } from "../engine/evaluate.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { CheckSettingsInput } from "../engine/settings.js";
import type { Suppression } from "../engine/suppressions.js";
import { parseWithSchema } from "../files/json-input.js";
import { TOOL } from "../package-info.js";
import { loadActionCatalogue } from "../policy/index.js";
import type { Snapshot } from "../snapshot/schema.js";
import { checkSettingsSchema, selectChecks } from "./catalogue.js";

export interface CheckOptions {
  /** Check ids to run (default: every check). */
  checks?: readonly string[];
  /** Check ids not to run. */
  skipChecks?: readonly string[];
  /** Thresholds, as the config file's `checkSettings` (validated; unknown keys are an error). */
  checkSettings?: CheckSettingsInput;
  /** Accepted risks (see `readSuppressionsFile`). */
  suppressions?: readonly Suppression[];
  /** Findings below this severity are left out of `findings`; scores still count them. */
  minimumSeverity?: Severity;
  /** When the scan started (collection included); default now. */
  startedAt?: Date;
  /** Default: a random UUID. */
  scanId?: string;
}

/** The checks a selection names, for callers that hold check objects rather than ids. */
export function checksFor(options: Pick<CheckOptions, "checks" | "skipChecks">): AnyCheck[] {
  return selectChecks(options.checks, options.skipChecks ?? []);
}

/**
 * Everything after collection, offline: the selected checks over a snapshot, suppressions, scores
 * and the compliance view. Loads what it needs (the IAM action catalogue) itself.
 */
export async function check(snapshot: Snapshot, options: CheckOptions = {}): Promise<ScanResult> {
  const checks = checksFor(options);
  const checkSettings = parseWithSchema(checkSettingsSchema, options.checkSettings ?? {}, "checkSettings", "checkSettings");
  const now = new Date();
  return evaluateSnapshot(snapshot, {
    checks,
    // Read once per process (one data file), on the first check.
    catalogue: await loadActionCatalogue(),
    checkSettings,
    suppressions: options.suppressions ?? [],
    minimumSeverity: options.minimumSeverity ?? "info",
    scanId: options.scanId ?? randomUUID(),
    tool: TOOL,
    startedAt: options.startedAt ?? now,
    now,
    clock: () => new Date(),
    remediationUrlOf: remediationUrl,
  });
}
