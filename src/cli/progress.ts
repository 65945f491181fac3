import type { CollectProgressEvent, CollectStats } from "../collect/index.js";
import { terminalSafeLine as safe } from "../text/terminal.js";
import { formatDuration } from "../text/duration.js";
import { clockTime, EtaEstimator } from "./eta.js";
import type { CliIO } from "./io.js";

const BAR_WIDTH = 20;
const PLAIN_LINE_EVERY_MS = 5_000;
/** Plain lines go to logs and pipes, read at 80 columns. */
const PLAIN_LINE_WIDTH = 80;

/**
 * Collection progress on stderr: a redrawn bar on a terminal, a plain line now and then otherwise
 * (CI logs), nothing with --quiet. Events carry counts and operation names only, never values.
 * Each line shows the time since collection started and, once there is a pace to go by, an estimate
 * of the time left (eta.ts). `now` is injected so that tests drive the clock.
 */
export function createProgressRenderer(io: CliIO, quiet: boolean, now: () => number = Date.now): { onProgress(event: CollectProgressEvent): void; done(): void } {
  if (quiet) return { onProgress: () => undefined, done: () => undefined };
  const tty = io.stderrIsTTY;
  const startedAt = now();
  const eta = new EtaEstimator();
  let lastPlain = 0;
  let drawn = false;
  /**
   * The bar (on a terminal; a log has no use for it), the time so far and left, then the counts,
   * least needed last: what does not fit the width is left out rather than wrapped or cut mid-word.
   */
  const line = (e: CollectProgressEvent, at: number, prefix: string, width: number) => {
    const left = eta.update(at - startedAt, e.functionsCollected, e.functionsListed, e.regionsTotal - e.regionsDone);
    const time = `${clockTime(at - startedAt)}${left === undefined || left <= 0 ? "" : ` (about ${formatDuration(Math.max(1_000, left))} left)`}`;
    let bar = "";
    if (tty) {
      const share = e.functionsListed === 0 ? 0 : e.functionsCollected / e.functionsListed;
      const filled = Math.round(share * BAR_WIDTH);
      bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] `;
    }
    const parts = [`${e.functionsCollected}/${e.functionsListed} functions`, `${e.regionsDone}/${e.regionsTotal} regions`, `${e.gaps} gaps`, `${e.calls} calls`];
    let text = `${prefix}${bar}${time} · ${parts.join(" · ")}`;
    while (text.length > width && parts.length > 1) {
      parts.pop();
      text = `${prefix}${bar}${time} · ${parts.join(" · ")}`;
    }
    return text.slice(0, width);
  };
  return {
    onProgress(event) {
      if (event.kind === "account" && event.accountId) {
        if (drawn) io.stderr.write("\n");
        io.stderr.write(`scanning account ${safe(event.accountId)} in ${event.regionsTotal} region(s)\n`);
        drawn = false;
        return;
      }
      if (event.kind === "gap" && event.gap && !tty) {
        io.stderr.write(`${safe(`gap: ${event.gap.service}:${event.gap.operation} ${event.gap.errorCode}${event.region ? ` (${event.region})` : ""}`)}\n`);
        return;
      }
      if (tty) {
        // Within the terminal's width: a wrapped line cannot be redrawn in place.
        io.stderr.write(`\r${line(event, now(), "", Math.max(20, io.columns - 1))}\u001b[K`);
        drawn = true;
        return;
      }
      const at = now();
      if (event.kind === "regionFinished" || event.kind === "regionStarted" || at - lastPlain >= PLAIN_LINE_EVERY_MS) {
        lastPlain = at;
        const prefix = event.kind === "regionFinished" ? `${safe(event.region ?? "")} done ` : event.kind === "regionStarted" ? `${safe(event.region ?? "")} started ` : "";
        io.stderr.write(`${line(event, at, prefix, PLAIN_LINE_WIDTH)}\n`);
      }
    },
    done() {
      if (tty && drawn) io.stderr.write("\n");
    },
  };
}

/** The one closing line of a collection; the breakdown by operation is for --verbose. */
export function renderCollectionLine(stats: CollectStats): string {
  return (
    `collected ${stats.functions} function(s), ${stats.roles} role(s), ${stats.managedPolicies} managed policies in ${formatDuration(stats.durations.totalMs)}\n` +
    `  ${stats.totalCalls} calls, ${stats.totalThrottles} throttled, ${stats.totalGaps} gaps (--verbose shows them by operation)`
  );
}

/** The closing lines of a collection with --verbose: calls and gaps by operation, throttling, time. */
export function renderCollectionSummary(stats: CollectStats, width = 80): string {
  const byCount = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([operation, count]) => `${operation} ${count}`);
  const lines = [
    `collected ${stats.functions} function(s), ${stats.roles} role(s), ${stats.managedPolicies} managed policies in ${(stats.durations.totalMs / 1000).toFixed(1)} s`,
    ...wrapList(`calls: ${stats.totalCalls}`, byCount(stats.calls), width),
    ...wrapList(`throttled answers: ${stats.totalThrottles}`, byCount(stats.throttles), width),
    ...wrapList(`gaps: ${stats.totalGaps}`, byCount(stats.gaps), width),
  ];
  if (stats.totalGaps > 0) lines.push("  the checks that need the missing data report unknown");
  return `${lines.join("\n")}\n`;
}

/** `head (a, b, c)` folded onto indented lines no wider than `width`. */
function wrapList(head: string, items: string[], width: number): string[] {
  if (items.length === 0) return [head];
  const lines: string[] = [];
  let current = `${head}:`;
  for (const item of items) {
    const piece = ` ${item},`;
    if (current.length + piece.length > width) {
      lines.push(current);
      current = "   ";
    }
    current += piece;
  }
  lines.push(current.replace(/,$/, ""));
  return lines;
}
