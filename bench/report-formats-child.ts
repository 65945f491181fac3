import { PassThrough } from "node:stream";
import { ALL_CHECKS } from "../checks/index.js";
import { writeReports } from "../src/cli/write-reports.js";
import { readResult } from "../src/library/inputs.js";

/**
 * One report format written in a process of its own (bench/report-formats.ts starts it), so each
 * format's peak RSS is its own: `node dist/bench/report-formats-child.js RESULT.json FORMAT OUTPUT`.
 * Prints one JSON line: seconds to read the result, seconds to write the report (the CLI's own
 * writeReports, the file included), resident memory after reading and the process's peak.
 */
const [resultFile, format, output] = process.argv.slice(2);
if (!resultFile || !format || !output) throw new Error("usage: report-formats-child.js RESULT.json FORMAT OUTPUT");

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const started = performance.now();
const result = await readResult(resultFile);
const ran = new Set(result.checks.map((check) => check.id));
const checks = ALL_CHECKS.filter((check) => ran.has(check.id));
const loaded = performance.now();
const rssLoadedMiB = mib(process.memoryUsage().rss);
const sink = new PassThrough().resume();
const io = { stdout: sink, stderr: sink, env: {}, cwd: process.cwd(), stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
await writeReports(result, checks, { formats: [format], output }, io);
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
