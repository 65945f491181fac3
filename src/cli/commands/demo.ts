import { basename } from "node:path";
import { demoSnapshotPath, demoSuppressionsPath } from "../../package-info.js";
import { readSnapshot } from "../../snapshot/io.js";
import { note } from "../io.js";
import { evaluateAndReport, prepareRun } from "../pipeline.js";
import { selectChecks } from "../../library/catalogue.js";
import { renderTerminal } from "../../report/terminal.js";
import { useColour } from "../io.js";
import { REPORT_FORMATS, reportTargets, validateTargets } from "../write-reports.js";
import type { Command } from "./types.js";

export const demoCommand: Command = {
  name: "demo",
  summary: "Scan the bundled demo account and write every report format to ./out",
  usage: "demo [--output-dir DIR] [--format F]...",
  details:
    "Nothing is read from AWS: the demo account is a snapshot shipped with the package (src/demo/),\n" +
    "with an example suppressions file (src/demo/demo-suppressions.json) unless --suppressions is given.",
  formats: REPORT_FORMATS,
  async run(options, io) {
    const startedAt = new Date();
    const checks = selectChecks(options.checks, options.skipChecks);
    const targets = reportTargets({ ...options, outputDir: options.output === undefined ? (options.outputDir ?? "out") : options.outputDir }, REPORT_FORMATS, io);
    // A usage error comes alone: nothing is printed before the formats and paths are known to be good.
    validateTargets(targets, io);
    const snapshot = await readSnapshot(demoSnapshotPath);
    // Without --suppressions the demo applies its own file, so suppressed and expired entries show.
    const inputs = await prepareRun({ ...options, suppressions: options.suppressions ?? demoSuppressionsPath }, targets, io);
    note(io, options.quiet, `demo account ${snapshot.accountId}: ${snapshot.functions.length} functions in ${snapshot.regions.join(", ")}`);
    const outcome = await evaluateAndReport(snapshot, checks, options, targets, inputs, io, startedAt, { stderrSummary: false });
    if (!options.quiet && targets.outputDir !== undefined) {
      const companions = outcome.written.map((path) => basename(path));
      io.stdout.write(renderTerminal(outcome.result, { color: useColour(io), width: io.columns, companions }));
    }
    return outcome.exitCode;
  },
};
