import { ALL_CHECKS } from "../../library/catalogue.js";
import type { AnyCheck } from "../../engine/check.js";
import { InputError } from "../errors.js";
import { wrap } from "../../report/terminal-text.js";
import type { Command } from "./types.js";

/** Wide enough for a terminal beside an editor; the full metadata is in `--format json`. */
const TABLE_WIDTH = 100;

/** Check metadata without the evaluate function: what `checks --format json` prints. */
export function checkMetadata(check: AnyCheck) {
  const { evaluate: _evaluate, ...metadata } = check;
  return metadata;
}

export const checksCommand: Command = {
  name: "checks",
  summary: "List the checks with their metadata",
  usage: "checks [--format table|json]",
  formats: ["table", "json"],
  async run(options, io) {
    const format = options.format.at(-1) ?? "table";
    if (format === "json") {
      io.stdout.write(`${JSON.stringify(ALL_CHECKS.map(checkMetadata), null, 2)}\n`);
      return 0;
    }
    if (format !== "table") throw new InputError(`--format: checks prints table or json, not ${format}`);
    const idWidth = Math.max(...ALL_CHECKS.map((check) => check.id.length));
    // The table fits TABLE_WIDTH columns: the title column takes what is left and wraps.
    const titleWidth = Math.max(20, TABLE_WIDTH - idWidth - 34);
    io.stdout.write(`${"ID".padEnd(idWidth)}  SEVERITY  LAYER     PHASE       TITLE\n`);
    for (const check of ALL_CHECKS) {
      const [first, ...rest] = wrap(check.title, titleWidth);
      io.stdout.write(`${check.id.padEnd(idWidth)}  ${check.severity.padEnd(8)}  ${check.layer.padEnd(8)}  ${check.phase.padEnd(10)}  ${first}\n`);
      for (const line of rest) io.stdout.write(`${" ".repeat(idWidth + 34)}${line}\n`);
    }
    io.stdout.write(`\n${ALL_CHECKS.length} checks. Details: docs/checks.md, or \`lambda-posture checks --format json\`.\n`);
    return 0;
  },
};
