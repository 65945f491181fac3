import type { CollectOptions as CollectorOptions, CollectResult } from "../collect/index.js";
import { assertProfileExists } from "../aws/profile.js";
import { operationsRequiredBy, selectChecks } from "./catalogue.js";

export interface CollectOptions extends Omit<CollectorOptions, "requiredOperations"> {
  /** Collect only what these checks need (default: every check). */
  checks?: readonly string[];
  /** Checks whose reads are left out (unless another selected check needs them). */
  skipChecks?: readonly string[];
}

/**
 * A snapshot of one account, read-only: only the reads the selected checks need. Throws
 * ScanImpossibleError (no credentials, nothing reachable) and InputError (bad selection); every
 * other failure is a gap in the snapshot.
 */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  const { checks: only, skipChecks, ...collectorOptions } = options;
  const selected = selectChecks(only, skipChecks ?? []);
  if (!collectorOptions.credentials) await assertProfileExists(collectorOptions.profile);
  // Loaded on use: the AWS SDK clients take a noticeable part of start-up, which offline work skips.
  const { collectSnapshot } = await import("../collect/index.js");
  return collectSnapshot({ ...collectorOptions, requiredOperations: operationsRequiredBy(selected) });
}
