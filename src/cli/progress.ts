import type { CollectProgressEvent, CollectStats } from "../collect/index.js";
import type { CliIO } from "./io.js";

const BAR_WIDTH = 24;
const PLAIN_LINE_EVERY_MS = 5_000;

/**
 * Collection progress on stderr: a redrawn bar on a terminal, a plain line now and then otherwise
 * (CI logs), nothing with --quiet. Events carry counts and operation names only, never values.
 */
export function createProgressRenderer(io: CliIO, quiet: boolean): { onProgress(event: CollectProgressEvent): void; done(): void } {
  if (quiet) return { onProgress: () => undefined, done: () => undefined };
  const tty = io.stderrIsTTY;
  let lastPlain = 0;
  let drawn = false;
  const line = (e: CollectProgressEvent) => {
    const total = Math.max(e.functionsListed, 1);
    const share = e.functionsListed === 0 ? 0 : e.functionsCollected / total;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
    return `${bar} regions ${e.regionsDone}/${e.regionsTotal} · functions ${e.functionsCollected}/${e.functionsListed} · calls ${e.calls} · gaps ${e.gaps}`;
  };
  return {
    onProgress(event) {
      if (event.kind === "account" && event.accountId) {
        if (drawn) io.stderr.write("\n");
        io.stderr.write(`scanning account ${event.accountId} in ${event.regionsTotal} region(s)\n`);
        drawn = false;
        return;
      }
      if (event.kind === "gap" && event.gap && !tty) {
        io.stderr.write(`gap: ${event.gap.service}:${event.gap.operation} ${event.gap.errorCode}${event.region ? ` (${event.region})` : ""}\n`);
        return;
      }
      if (tty) {
        io.stderr.write(`\r${line(event)}\u001b[K`);
        drawn = true;
        return;
      }
      const now = Date.now();
      if (event.kind === "regionFinished" || event.kind === "regionStarted" || now - lastPlain >= PLAIN_LINE_EVERY_MS) {
        lastPlain = now;
        io.stderr.write(`${event.kind === "regionFinished" ? `region ${event.region} done: ` : event.kind === "regionStarted" ? `region ${event.region} started: ` : ""}${line(event)}\n`);
      }
    },
    done() {
      if (tty && drawn) io.stderr.write("\n");
    },
  };
}

/** The closing lines of a collection: calls and gaps by operation, throttling, time. */
export function renderCollectionSummary(stats: CollectStats): string {
  const byCount = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([operation, count]) => `${operation} ${count}`)
      .join(", ");
  const lines = [
    `collected ${stats.functions} function(s), ${stats.roles} role(s), ${stats.managedPolicies} managed policie(s) in ${(stats.durations.totalMs / 1000).toFixed(1)} s`,
    `calls: ${stats.totalCalls}${stats.totalCalls > 0 ? ` (${byCount(stats.calls)})` : ""}`,
    `throttled answers: ${stats.totalThrottles}${stats.totalThrottles > 0 ? ` (${byCount(stats.throttles)})` : ""}`,
    `gaps: ${stats.totalGaps}${stats.totalGaps > 0 ? ` (${byCount(stats.gaps)}): the checks that need them report unknown` : ""}`,
  ];
  return `${lines.join("\n")}\n`;
}
