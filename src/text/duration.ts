/**
 * Durations as people write them on a command line or in a config file: `90s`, `30m`, `2h`,
 * `1h30m`, `500ms`, or a bare number of seconds.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1_000);
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(amount) * (UNIT_MS[unit as string] as number);
  return Math.round(total);
}

/** `1h 5m 3s`, `42s`, `850ms`: for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  const parts = [[Math.floor(seconds / 3_600), "h"], [Math.floor((seconds % 3_600) / 60), "m"], [seconds % 60, "s"]] as const;
  return parts.filter(([value]) => value > 0).map(([value, unit]) => `${value}${unit}`).join(" ") || "0s";
}
