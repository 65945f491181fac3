import { randomBytes } from "node:crypto";
import { link, lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { trendPoint } from "../diff/index.js";
import type { ScanResult } from "../engine/result-schema.js";
import { checkOutputPath, writePrivateStream } from "../files/private-file.js";
import { readResult } from "../library/inputs.js";
import { jsonChunks } from "../report/json.js";
import type { TrendPoint } from "../report/types.js";
import { InputError } from "./errors.js";
import { fileStamp } from "./organization.js";

/**
 * `--history DIR`: every scan stores its result in DIR under a dated name, the oldest beyond
 * `--history-keep` are removed, and the kept ones make the trend the reports show. Only files this
 * tool wrote are read or removed: their names match HISTORY_FILE, anything else in DIR is left alone.
 */

/** `lambda-posture-20261201T030000Z-123456789012.json`, with `-2`, `-3`… when a second scan ends in the same second. */
export const HISTORY_FILE = /^lambda-posture-(\d{8}T\d{6}Z)-(\d{12})(?:-(\d{1,4}))?\.json$/;
/** Same-second scans of one account numbered beyond this are refused rather than searched forever. */
const MAXIMUM_SEQUENCE = 9_999;

export interface StoredScan {
  /** The file's name in the history directory. */
  file: string;
  stamp: string;
  accountId: string;
  sequence: number;
}

export function historyFileName(stamp: string, accountId: string, sequence: number): string {
  return `lambda-posture-${stamp}-${accountId}${sequence > 1 ? `-${sequence}` : ""}.json`;
}

const oldestFirst = (a: StoredScan, b: StoredScan) => a.stamp.localeCompare(b.stamp) || a.sequence - b.sequence;

/** The stored scans in DIR (all accounts, or one), oldest first; none when DIR does not exist yet. */
export async function listHistory(directory: string, accountId?: string): Promise<StoredScan[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "ENOTDIR") throw new InputError(`--history: ${directory} is not a directory`);
    throw new InputError(`--history: cannot read ${directory}: ${code ?? (error as Error).message}`);
  }
  const stored: StoredScan[] = [];
  for (const file of names) {
    const match = HISTORY_FILE.exec(file);
    if (!match) continue;
    const scan = { file, stamp: match[1]!, accountId: match[2]!, sequence: match[3] ? Number(match[3]) : 1 };
    if (accountId === undefined || scan.accountId === accountId) stored.push(scan);
  }
  return stored.sort(oldestFirst);
}

/**
 * Fails before a scan starts when DIR cannot hold the history: a file where the directory should be,
 * or no permission to write in it (or, when it does not exist yet, in the nearest existing parent).
 */
export async function checkHistoryDirectory(directory: string): Promise<void> {
  await checkOutputPath(join(directory, historyFileName("00000000T000000Z", "000000000000", 1)), "--history");
}

/**
 * Reads the stored scans given (at most --history-keep of them, already cut by the caller), one at a
 * time, and turns each into a trend point against the one before it. A file that is not a readable,
 * valid scan result of the expected account is skipped with a warning: a damaged history never fails
 * the scan that reads it.
 */
export async function readTrend(
  directory: string,
  stored: readonly StoredScan[],
  warn: (message: string) => void,
): Promise<{ points: TrendPoint[]; last: ScanResult | undefined }> {
  const points: TrendPoint[] = [];
  let previous: ScanResult | undefined;
  for (const scan of stored) {
    const path = join(directory, scan.file);
    let result: ScanResult;
    try {
      const stats = await lstat(path);
      if (!stats.isFile()) throw new InputError(`${path} is not a regular file`);
      result = await readResult(path);
    } catch (error) {
      if (!(error instanceof InputError) && !isFileSystemError(error)) throw error;
      warn(`history: skipped ${scan.file}: ${(error as Error).message.replace(`${path}: `, "")}`);
      continue;
    }
    if (result.accountId !== scan.accountId) {
      warn(`history: skipped ${scan.file}: it holds a scan of account ${result.accountId}, not ${scan.accountId}`);
      continue;
    }
    points.push(trendPoint(result, previous));
    previous = result;
  }
  return { points, last: previous };
}

const isFileSystemError = (error: unknown) => error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";

/**
 * Stores the result under its dated name, never over an existing file: the content is written to a
 * private temporary name, then hard-linked to the dated name, which fails if the name is taken (the
 * next number is tried); the temporary name is removed either way.
 */
export async function storeResult(directory: string, result: ScanResult): Promise<string> {
  const stamp = fileStamp(new Date(result.finishedAt));
  const staging = join(directory, `.lambda-posture-history-${randomBytes(8).toString("hex")}.partial`);
  await writePrivateStream(staging, jsonChunks(result));
  try {
    // After the highest number taken in that second, never a free lower one: a pruned name reused
    // would sort before the scans it follows, and the next prune would remove the newest scan.
    const taken = (await listHistory(directory, result.accountId)).filter((scan) => scan.stamp === stamp).map((scan) => scan.sequence);
    for (let sequence = Math.max(0, ...taken) + 1; sequence <= MAXIMUM_SEQUENCE; sequence += 1) {
      const path = join(directory, historyFileName(stamp, result.accountId, sequence));
      try {
        await link(staging, path);
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    throw new InputError(`--history: ${directory} already holds ${MAXIMUM_SEQUENCE} results of account ${result.accountId} finished at ${stamp}`);
  } finally {
    await rm(staging, { force: true });
  }
}

/** Removes the account's oldest stored scans beyond `keep`; returns the names removed. */
export async function pruneHistory(directory: string, accountId: string, keep: number): Promise<string[]> {
  const stored = await listHistory(directory, accountId);
  const excess = stored.slice(0, Math.max(0, stored.length - keep));
  for (const scan of excess) await rm(join(directory, scan.file), { force: true });
  return excess.map((scan) => scan.file);
}

/**
 * The whole --history step of a scan: the trend of the kept scans with this one last (for the
 * reports), this result stored, and the account's history pruned to `keep`. The result is stored
 * before any report is written, so a report that fails to write never loses it.
 */
export async function recordHistory(
  directory: string,
  result: ScanResult,
  keep: number,
  warn: (message: string) => void,
): Promise<{ history: TrendPoint[]; stored: string; pruned: string[] }> {
  // This scan is one of the kept ones: read the keep − 1 newest stored before it.
  const before = (await listHistory(directory, result.accountId)).slice(-(keep - 1));
  const { points, last } = await readTrend(directory, before, warn);
  const history = [...points, trendPoint(result, last)];
  const stored = await storeResult(directory, result);
  const pruned = await pruneHistory(directory, result.accountId, keep);
  return { history, stored, pruned };
}
