import { resolve } from "node:path";
import type { TrendPoint } from "../../report/types.js";
import { terminalSafe, terminalSafeLine } from "../../text/terminal.js";
import { InputError } from "../errors.js";
import { listHistory, readTrend } from "../history.js";
import type { Command } from "./types.js";

const HISTORY_FORMATS = ["table", "json"] as const;

/** What `history --format json` prints: the trend of each account stored in the directory. */
export interface HistoryDocument {
  kind: "lambda-posture-history";
  schemaVersion: 1;
  accounts: { accountId: string; points: TrendPoint[] }[];
}

const score = (value: number | null) => (value === null ? "n/a" : value.toFixed(1)).padStart(5);
const count = (value: number | null) => (value === null ? "-" : String(value)).padStart(5);

/** One account's trend as a table of 78 columns: fits an 80-column terminal. */
export function renderHistoryTable(accountId: string, points: readonly TrendPoint[]): string {
  const lines = [
    `account ${terminalSafeLine(accountId)}: ${points.length} stored scan(s), oldest first`,
    "FINISHED (UTC)       SCORE  GRADE  PROVIDER  CUSTOMER  SHARED    NEW  RESOLVED",
  ];
  for (const point of points) {
    const finished = terminalSafeLine(point.finishedAt.replace("T", " ").slice(0, 19)).padEnd(19);
    lines.push(
      `${finished}  ${score(point.score)}  ${(point.grade ?? "-").padEnd(5)}  ${score(point.scoresByLayer.provider).padStart(8)}  ` +
        `${score(point.scoresByLayer.customer).padStart(8)}  ${score(point.scoresByLayer.shared).padStart(6)}  ${count(point.newFindings)}  ${count(point.resolvedFindings).padStart(8)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export const historyCommand: Command = {
  name: "history",
  summary: "Show the trend of the scans stored with --history DIR: scores, new and resolved findings",
  usage: "history DIR [--format table|json] [--history-keep N]",
  details:
    "DIR is the directory given to `scan --history DIR` (or `check --history DIR`): each scan stored its\n" +
    "result there under a dated name. The newest --history-keep scans of each account are read; NEW and\n" +
    "RESOLVED count the findings that differ from the scan before (as `lambda-posture diff` does).\n" +
    "A file that is not a valid result is skipped with a warning. Example:\n" +
    "  lambda-posture history scans/ --format json",
  formats: HISTORY_FORMATS,
  async run(options, io) {
    const [directory, ...extra] = options.positionals;
    if (!directory) throw new InputError("history needs the directory of stored scans: lambda-posture history DIR");
    if (extra.length > 0) throw new InputError(`unexpected argument ${extra[0]}; see \`lambda-posture history --help\``);
    if (options.format.length > 1) throw new InputError("history prints one --format at a time");
    const format = options.format[0] ?? "table";
    if (!(HISTORY_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format: history prints ${HISTORY_FORMATS.join(" or ")}, not ${format}`);
    const path = resolve(io.cwd, directory);
    const stored = await listHistory(path);
    if (stored.length === 0) throw new InputError(`${path}: no stored scans (files written by \`scan --history ${directory}\`)`);
    const accounts = [...new Set(stored.map((scan) => scan.accountId))].sort();
    const document: HistoryDocument = { kind: "lambda-posture-history", schemaVersion: 1, accounts: [] };
    for (const accountId of accounts) {
      const kept = stored.filter((scan) => scan.accountId === accountId).slice(-options.historyKeep);
      const { points } = await readTrend(path, kept, (message) => {
        if (!options.quiet) io.stderr.write(`warning: ${terminalSafeLine(message)}\n`);
      });
      document.accounts.push({ accountId, points });
    }
    // JSON shown on a terminal is read, not parsed: data from the files must not drive the terminal.
    if (format === "json") io.stdout.write((io.stdoutIsTTY ? terminalSafe : (text: string) => text)(`${JSON.stringify(document, null, 2)}\n`));
    else io.stdout.write(document.accounts.map((account) => renderHistoryTable(account.accountId, account.points)).join("\n"));
    return 0;
  },
};
