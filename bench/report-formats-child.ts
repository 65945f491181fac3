import { ALL_CHECKS } from "../checks/index.js";
import { writePrivateFile, writePrivateStream, writePrivateWith } from "../src/files/private-file.js";
import { readResult } from "../src/library/inputs.js";
import { reporterFor } from "../src/report/index.js";
import type { ReportContext } from "../src/report/types.js";
import { syntheticOrganization } from "./synthetic-organization.js";

/**
 * One report format written in a process of its own (bench/report-formats.ts starts it), so each
 * format's peak RSS is its own: `node dist/bench/report-formats-child.js RESULT.json FORMAT OUTPUT`;
 * `organization:ACCOUNTSxFUNCTIONS` instead of a result file builds a synthetic organisation in process.
 * Prints one JSON line: seconds to read the result, seconds to write the report file (as the CLI
 * writes a file: streamed when the format streams), resident memory after reading and the process's peak.
 */
const [resultFile, format, output] = process.argv.slice(2);
if (!resultFile || !format || !output) throw new Error("usage: report-formats-child.js RESULT.json FORMAT OUTPUT");

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const started = performance.now();
const shape = /^organization:(\d+)x(\d+)$/.exec(resultFile);
const organization = shape ? await syntheticOrganization(Number(shape[1]), Number(shape[2])) : undefined;
const result = organization ? organization.view : await readResult(resultFile);
const ran = new Set(result.checks.map((check) => check.id));
const checks = ALL_CHECKS.filter((check) => ran.has(check.id));
const loaded = performance.now();
const rssLoadedMiB = mib(process.memoryUsage().rss);
const reporter = reporterFor(format);
if (!reporter) throw new Error(`unknown format ${format}`);
const context: ReportContext = { result, checks, color: false, width: 80, ...(organization ? { organization: organization.organization } : {}) };
// The file branch of src/cli/write-reports.ts (the CLI's modules are not imported from outside src/cli).
if (reporter.stream) await writePrivateStream(output, reporter.stream(context));
else if (reporter.writeTo) await writePrivateWith(output, (stream) => reporter.writeTo!(context, stream));
else await writePrivateFile(output, await reporter.render(context));
const written = performance.now();
process.stdout.write(
  `${JSON.stringify({
    format,
    readSeconds: Math.round(loaded - started) / 1000,
    writeSeconds: Math.round(written - loaded) / 1000,
    rssLoadedMiB,
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  })}\n`,
);
