import { resolve } from "node:path";
import { diffScanResults, hasNewFindingsAtOrAbove, isDiffFormat, newFindingsAtOrAbove, renderDiff, DIFF_FORMATS } from "../../diff/index.js";
import { readResult } from "../../library/inputs.js";
import { ExitCode, InputError } from "../errors.js";
import { note, useColour } from "../io.js";
import { documentPath, writeDocumentFile } from "../write-document.js";
import { terminalSafe } from "../../text/terminal.js";
import type { Command } from "./types.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "Compare two scan results: new, resolved, still-open and changed findings",
  usage: "diff OLD.json NEW.json [--format terminal|json|markdown] [--output FILE] [--fail-on-new LEVEL]",
  details:
    "OLD and NEW are scan results written by `scan --format json` (or `check`). A finding is the same\n" +
    "finding in both when its check id and resource ARN match. --fail-on-new exits 1 only when a new,\n" +
    "unsuppressed finding is at or above LEVEL, which suits a weekly scheduled scan. Example:\n" +
    "  lambda-posture diff last-week.json this-week.json --format markdown --output diff.md --fail-on-new high",
  formats: DIFF_FORMATS,
  async run(options, io) {
    const [oldFile, newFile, ...extra] = options.positionals;
    if (!oldFile || !newFile) throw new InputError("diff needs two scan results: lambda-posture diff OLD.json NEW.json");
    if (extra.length > 0) throw new InputError(`unexpected argument ${extra[0]}; see \`lambda-posture diff --help\``);
    if (options.format.length > 1) throw new InputError("diff writes one --format at a time");
    const format = options.format[0] ?? "terminal";
    if (!isDiffFormat(format)) throw new InputError(`--format: diff writes ${DIFF_FORMATS.join(", ")}, not ${format}`);
    if (options.outputDir !== undefined) throw new InputError("diff writes one document: use --output FILE (or stdout)");

    const path = await documentPath(options.output, io);
    const toFile = path !== undefined;
    const oldResult = await readResult(resolve(io.cwd, oldFile));
    const newResult = await readResult(resolve(io.cwd, newFile));
    const diff = diffScanResults(oldResult, newResult);
    for (const warning of diff.warnings) note(io, options.quiet, `warning: ${warning}`);

    const content = renderDiff(diff, format, { color: !toFile && format === "terminal" && useColour(io) });
    if (toFile) await writeDocumentFile(path, content, io, options.quiet);
    else {
      // A terminal diff makes its own data safe; other formats shown on a terminal are made safe here.
      io.stdout.write(io.stdoutIsTTY && format !== "terminal" ? terminalSafe(content) : content);
    }

    if (options.failOnNew !== "none" && hasNewFindingsAtOrAbove(diff, options.failOnNew)) {
      note(io, options.quiet, `${newFindingsAtOrAbove(diff, options.failOnNew).length} new finding(s) at or above ${options.failOnNew}`);
      return ExitCode.findingsAtOrAboveFailOn;
    }
    return ExitCode.ok;
  },
};
