import { resolve } from "node:path";
import { readSnapshot } from "../../snapshot/io.js";
import { InputError } from "../errors.js";
import { note } from "../io.js";
import { evaluateAndReport, prepareRun } from "../pipeline.js";
import { selectChecks } from "../../library/catalogue.js";
import { REPORT_FORMATS, reportTargets } from "../write-reports.js";
import type { Command } from "./types.js";

export const checkCommand: Command = {
  name: "check",
  summary: "Run the checks over a saved snapshot, offline",
  usage: "check --snapshot FILE [--format F]... [--output FILE | --output-dir DIR] [--fail-on LEVEL]",
  details:
    "Re-running `check` on the same snapshot gives the same results: checks judge dates against the\n" +
    "snapshot's collection time. Example:\n  lambda-posture check --snapshot prod.json --format json --output prod-result.json",
  formats: REPORT_FORMATS,
  async run(options, io) {
    const startedAt = new Date();
    const snapshotFile = options.snapshot ?? options.positionals[0];
    if (!snapshotFile) throw new InputError("check needs --snapshot FILE (a snapshot written by `collect` or `scan --snapshot-out`)");
    if (options.positionals.length > (options.snapshot ? 0 : 1)) {
      throw new InputError(`unexpected argument ${options.positionals.at(-1)}; see \`lambda-posture check --help\``);
    }
    const checks = selectChecks(options.checks, options.skipChecks);
    const targets = reportTargets(options, ["terminal"], io);
    const inputs = await prepareRun(options, targets, io);
    const snapshot = await readSnapshot(resolve(io.cwd, snapshotFile));
    note(io, options.quiet, `checking ${snapshot.functions.length} function(s) of account ${snapshot.accountId} with ${checks.length} check(s)`);
    const outcome = await evaluateAndReport(snapshot, checks, options, targets, inputs, io, startedAt);
    return outcome.exitCode;
  },
};
