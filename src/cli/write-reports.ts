import { statSync } from "node:fs";
import { basename, join, resolve, sep } from "node:path";
import type { AnyCheck } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { REPORTERS, reporterFor } from "../report/index.js";
import type { ReportContext, Reporter } from "../report/types.js";
import { writeChunks, writePrivateFile, writePrivateStream, writePrivateWith } from "../files/private-file.js";
import { InputError } from "./errors.js";
import { closest } from "../text/suggest.js";
import { terminalSafe } from "../text/terminal.js";
import { useColour, type CliIO } from "./io.js";

/** Every report format, in the order --help and the demo list them. */
export const REPORT_FORMATS: readonly string[] = REPORTERS.map((reporter) => reporter.format);

export interface ReportTargets {
  formats: readonly string[];
  output?: string | undefined;
  outputDir?: string | undefined;
  /** File name before the extension under --output-dir (default `lambda-posture`). */
  baseName?: string | undefined;
}

/** `--output reports/` (a trailing slash) or `--output DIR` of an existing directory. */
export function namesDirectory(output: string, cwd: string): boolean {
  if (output.endsWith("/") || output.endsWith(sep)) return true;
  try {
    return statSync(resolve(cwd, output)).isDirectory();
  } catch {
    // Absent or unreadable: a file to create, checked with the other outputs before the run.
    return false;
  }
}

/**
 * The report targets of `scan`, `check` and `demo`. An --output that names a directory means "write
 * into it" (created when absent), as --output-dir does, rather than a file called `reports`.
 */
export function reportTargets(options: { format: readonly string[]; output?: string | undefined; outputDir?: string | undefined }, defaultFormats: readonly string[], io: CliIO): ReportTargets {
  const formats = options.format.length > 0 ? options.format : defaultFormats;
  if (options.output !== undefined && options.output !== "-" && namesDirectory(options.output, io.cwd)) {
    if (options.outputDir !== undefined) throw new InputError("--output and --output-dir cannot be used together");
    return { formats, outputDir: options.output };
  }
  return { formats, output: options.output, outputDir: options.outputDir };
}

export function resolveReporters(formats: readonly string[]): Reporter[] {
  const names = REPORT_FORMATS;
  return [...new Set(formats)].map((format) => {
    const reporter = reporterFor(format);
    if (!reporter) {
      const suggestion = closest(format, names);
      throw new InputError(`--format: unknown format ${format}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; formats: ${names.join(", ")}`);
    }
    return reporter;
  });
}

/** Checks the targets before any work is done, so a bad combination fails fast with exit 2. */
export function validateTargets(targets: ReportTargets, io: CliIO): Reporter[] {
  const reporters = resolveReporters(targets.formats);
  if (targets.output !== undefined && targets.outputDir !== undefined) {
    throw new InputError("--output and --output-dir cannot be used together");
  }
  if (targets.output !== undefined && reporters.length !== 1) {
    throw new InputError("--output takes exactly one --format; use --output-dir for several formats");
  }
  if (targets.output === undefined && targets.outputDir === undefined) {
    const toStdout = reporters.filter((reporter) => reporter.format !== "terminal");
    if (reporters.length > 1) throw new InputError("several formats need --output-dir (or one --format with --output)");
    const binary = toStdout.find((reporter) => reporter.binary);
    if (binary && io.stdoutIsTTY) throw new InputError(`--format ${binary.format} is binary: give --output FILE or --output-dir DIR`);
  }
  return reporters;
}

/** Where a format goes: its file under --output-dir, the --output file, or undefined for stdout. */
export function reportPath(reporter: Reporter, targets: ReportTargets, io: CliIO): string | undefined {
  if (targets.outputDir !== undefined) return join(resolve(io.cwd, targets.outputDir), `${targets.baseName ?? "lambda-posture"}.${reporter.extension}`);
  if (targets.output !== undefined && targets.output !== "-") return resolve(io.cwd, targets.output);
  return undefined;
}

/** Every file the reports will be written to, checked before a run starts. */
export function reportPaths(targets: ReportTargets, io: CliIO): string[] {
  return validateTargets(targets, io)
    .map((reporter) => reportPath(reporter, targets, io))
    .filter((path): path is string => path !== undefined);
}

function* mapChunks(chunks: Iterable<string>, map: (text: string) => string): Generator<string> {
  for (const chunk of chunks) yield map(chunk);
}

/** Writes each format to its file (mode 0600: reports map an account's weak points) or to stdout. */
export async function writeReports(
  result: ScanResult,
  checks: readonly AnyCheck[],
  targets: ReportTargets,
  io: CliIO,
  organization?: OrganizationResult,
  extra: Pick<ReportContext, "history"> = {},
): Promise<string[]> {
  const reporters = validateTargets(targets, io);
  const written: string[] = [];
  // Each report knows which others this run writes, so it points only to files that exist.
  const companions = reporters
    .map((reporter) => reportPath(reporter, targets, io))
    .filter((path): path is string => path !== undefined)
    .map((path) => basename(path));
  for (const reporter of reporters) {
    const path = reportPath(reporter, targets, io);
    const toFile = path !== undefined;
    const context = {
      result,
      ...(organization ? { organization } : {}),
      checks,
      ...extra,
      companions: companions.filter((name) => path === undefined || name !== basename(path)),
      color: !toFile && reporter.format === "terminal" && useColour(io),
      width: toFile ? 80 : io.columns,
    };
    if (!toFile) {
      // On a terminal, machine formats are shown, not parsed: data from AWS must not drive the terminal.
      // (The terminal reporter makes its own data safe and adds its colours after.)
      const safe = io.stdoutIsTTY && reporter.format !== "terminal" ? terminalSafe : (text: string) => text;
      if (reporter.stream) await writeChunks(io.stdout, mapChunks(reporter.stream(context), safe));
      else {
        const output = await reporter.render(context);
        io.stdout.write(typeof output === "string" ? safe(output) : output);
      }
      continue;
    }
    try {
      if (reporter.stream) await writePrivateStream(path, reporter.stream(context));
      else if (reporter.writeTo) await writePrivateWith(path, (stream) => reporter.writeTo!(context, stream));
      else await writePrivateFile(path, await reporter.render(context));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`cannot write ${path}: ${(error as Error).message}`);
    }
    written.push(path);
  }
  return written;
}

