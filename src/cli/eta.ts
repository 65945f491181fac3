import { DEFAULT_QUOTAS } from "../aws/rate.js";

/**
 * How long a collection still needs, for the progress line. Two estimates, the larger wins:
 * - the pace seen over the last half minute (functions collected per second), which includes
 *   retries, IAM and everything else the scan does;
 * - the quota floor: each function still to read needs at least one call from Lambda's shared
 *   control-plane budget (15 requests per second per region, DESIGN section 9), and only the regions
 *   still running spend their budgets. No scan can beat it, so an early burst never promises too much.
 */
export interface EtaSample {
  atMs: number;
  functionsCollected: number;
}

const WINDOW_MS = 30_000;
/** Below this the pace says little: a listing page or an IAM burst, not a rate. */
const MINIMUM_WINDOW_MS = 2_000;

export class EtaEstimator {
  private readonly samples: EtaSample[] = [];

  /** Records the counters at `atMs`; returns the remaining milliseconds, or undefined when unknown. */
  update(atMs: number, functionsCollected: number, functionsListed: number, regionsRunning: number): number | undefined {
    this.samples.push({ atMs, functionsCollected });
    // Bounded: samples older than the window are dropped, one event at a time.
    while (this.samples.length > 2 && atMs - this.samples[0]!.atMs > WINDOW_MS) this.samples.shift();
    const remaining = functionsListed - functionsCollected;
    if (functionsListed === 0 || remaining <= 0) return remaining <= 0 && functionsListed > 0 ? 0 : undefined;
    const first = this.samples[0]!;
    const spanMs = atMs - first.atMs;
    const collected = functionsCollected - first.functionsCollected;
    if (spanMs < MINIMUM_WINDOW_MS || collected <= 0) return undefined;
    const paceMs = (remaining * spanMs) / collected;
    return Math.max(paceMs, quotaFloorMs(remaining, regionsRunning));
  }
}

/** The least time `remaining` functions take at one shared-budget call each over the running regions. */
export function quotaFloorMs(remaining: number, regionsRunning: number): number {
  const { limit, perMs } = DEFAULT_QUOTAS.lambdaControlPlane;
  return (remaining * perMs) / (limit * Math.max(1, regionsRunning));
}

/** `0:42`, `12:05`, `1:02:07`: elapsed time as a clock shows it. */
export function clockTime(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(seconds / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
