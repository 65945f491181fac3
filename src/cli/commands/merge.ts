import { resolve } from "node:path";
import { mergeInputFiles, mergeResults, readMergeInput, type MergeInput } from "../../library/merge.js";
import { selectChecks } from "../../library/catalogue.js";
import { InputError } from "../errors.js";
import { note } from "../io.js";
import { exitCodeOf, fileStamp, organizationExitReasons, reportWritten, writeOrganizationReports } from "../organization.js";
import { REPORT_FORMATS, resolveReporters } from "../write-reports.js";
import { terminalSafe } from "../../text/terminal.js";
import type { Command } from "./types.js";

/** Inputs read at most: far beyond one organisation's shards or accounts, short of a runaway glob. */
const MAX_INPUTS = 20_000;

export const mergeCommand: Command = {
  name: "merge",
  summary: "Build the organisation reports from shards or per-account results, without calling AWS",
  usage: "merge DIR|FILE... --output-dir DIR [--format F]... [--fail-on LEVEL] [--fail-on-gaps]",
  details:
    "Each DIR is the --output-dir of an organisation scan (or of one shard of it): its organisation\n" +
    "results are read, or, when it has none, the newest result of each account under DIR/accounts/.\n" +
    "FILE is an organisation result or one account's scan result. An account given twice is an error.\n" +
    "The organisation result equals the one a single process scanning every account would write.\n" +
    "  lambda-posture merge shard-1/ shard-2/ shard-3/ --output-dir org/ --format json,xlsx,html",
  formats: REPORT_FORMATS,
  async run(options, io) {
    if (options.positionals.length === 0) throw new InputError("merge needs the results to merge: lambda-posture merge DIR... --output-dir DIR");
    if (options.outputDir === undefined) throw new InputError("merge writes the organisation reports to --output-dir DIR");
    const formats = options.format.length > 0 ? [...new Set(options.format)] : ["json"];
    resolveReporters(formats);
    const files = await mergeInputFiles(options.positionals.map((path) => resolve(io.cwd, path)));
    if (files.length > MAX_INPUTS) throw new InputError(`merge reads at most ${MAX_INPUTS} results (${files.length} given)`);
    const inputs: MergeInput[] = [];
    for (const file of files) inputs.push(await readMergeInput(file));
    const organization = mergeResults(inputs);
    note(io, options.quiet, `merged ${inputs.length} result(s): ${organization.summary.accounts.total} account(s), ${organization.summary.accounts.scanned} scanned`);
    const checks = selectChecks(undefined, []).filter((check) => organization.checks.some((info) => info.id === check.id));
    const written = await writeOrganizationReports(organization, checks, formats, resolve(io.cwd, options.outputDir), `lambda-posture-organization-${fileStamp(new Date())}`, io);
    reportWritten(organization, formats, written, options.quiet, io);
    const reasons = organizationExitReasons(organization, options);
    for (const reason of reasons) io.stderr.write(`lambda-posture: ${terminalSafe(reason.line)}\n`);
    return exitCodeOf(reasons);
  },
};
