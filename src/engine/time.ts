const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of a calendar date (YYYY-MM-DD) at 00:00 UTC. */
export function startOfDay(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** Whole days from `from` to `to` (negative when `to` is earlier), rounded down. */
export function daysBetween(from: Date | number, to: Date | number): number {
  const start = typeof from === "number" ? from : from.getTime();
  const end = typeof to === "number" ? to : to.getTime();
  return Math.floor((end - start) / DAY_MS);
}

/**
 * Lambda reports LastModified as `2026-10-01T00:00:00.000+0000` (no colon in the offset), which
 * Date.parse only accepts on some engines; normalise the offset before parsing.
 */
export function parseAwsTimestamp(value: string): number {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return Date.parse(normalised);
}

