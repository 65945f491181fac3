import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readScanResult } from "../src/diff/index.js";
import { REPORTERS } from "../src/report/index.js";
import { writeSnapshot } from "../src/snapshot/io.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../stub/synthetic.js";

/**
 * Report formats at size: for the bundled demo account (26 functions) and a synthetic 10,000-function
 * account (the bench's generator, 8 regions), each format written in a process of its own
 * (bench/report-formats-child.ts, writing the file as the CLI does): write time, peak RSS, file size;
 * the HTML report opened in Chromium (playwright-core, Debian's /usr/bin/chromium): time to the load
 * event; and the organisation workbook of 100 accounts × 100 functions (bench/synthetic-organization.ts).
 *
 * Part of `npm run bench` (skip with --no-formats); alone: `node dist/bench/report-formats.js
 * [--functions N] [--no-docs]` after `npm run build` or `npx tsc`. Writes
 * bench/results/report-formats.json and the block between the bench-formats markers of
 * docs/performance.md.
 */

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const CHILD = join(ROOT, "dist", "bench", "report-formats-child.js");
const RESULTS_FILE = join(ROOT, "bench", "results", "report-formats.json");
const DOCS_FILE = join(ROOT, "docs", "performance.md");
const CHROMIUM = process.env.LAMBDA_POSTURE_CHROMIUM ?? "/usr/bin/chromium";
/** The seed and regions of the bench's 10,000-function `check` (bench/run.ts), so both measure one account. */
const SEED = 20261101;
const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-1", "ap-northeast-1", "us-east-2", "eu-west-2"];
const CHILD_TIMEOUT_MS = 15 * 60_000;

export interface FormatFigures {
  format: string;
  exitCode: number;
  /** Rendering and writing this one format's file, as the CLI writes it. */
  writeSeconds: number | null;
  /** Resident memory with the result read, before writing: what every format starts from. */
  rssLoadedMiB: number | null;
  peakRssMiB: number | null;
  fileMiB: number | null;
  stderrTail?: string;
}

export interface HtmlLoad {
  /** From navigation start to the page's load event, in Chromium. */
  loadSeconds: number | null;
  /** Table rows in the DOM at the load event. */
  domRows: number | null;
  error?: string;
}

export interface SizeFigures {
  label: string;
  functions: number;
  findings: number;
  formats: FormatFigures[];
  html: HtmlLoad;
}

/** The organisation workbook (100 accounts × 100 functions by default), built in the child. */
export interface OrganizationFigures extends FormatFigures {
  accounts: number;
  functionsPerAccount: number;
}

export interface ReportFormatsBench {
  generatedAt: string;
  /** 1, 5 and 15 minutes: the figures are wall times, which other work on the machine stretches. */
  loadAverage: number[];
  cpus: number;
  sizes: SizeFigures[];
  organization?: OrganizationFigures;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / 2 ** 20, 3);
const size = (value: number | null) => (value === null ? "n/a" : value < 1 ? `${Math.round(value * 1024)} KiB` : `${round(value, 1)} MiB`);

function run(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, stdio: ["ignore", "pipe", "pipe"], timeout: CHILD_TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ exitCode: code ?? 1, stdout, stderr }));
  });
}

/** The result every format is written from: the demo's, or `check` over the synthetic snapshot. */
async function resultFor(functions: number, dir: string, given?: string): Promise<string> {
  if (given && existsSync(given)) return given;
  const output = join(dir, `formats-result-${functions}.json`);
  if (functions === 0) {
    await run([CLI, "demo", "--format", "json", "--output", output, "--quiet"]);
  } else {
    const snapshotFile = join(dir, `formats-snapshot-${functions}.json`);
    await writeSnapshot(snapshotFile, syntheticSnapshot(generateSyntheticAccount({ functions, regions: REGIONS, seed: SEED }), "2026-11-01T00:00:00.000Z"));
    await run([CLI, "check", "--snapshot", snapshotFile, "--format", "json", "--output", output, "--quiet"]);
  }
  if (!existsSync(output)) throw new Error(`bench: no result for ${functions || "the demo's"} functions`);
  return output;
}

async function writeFormat(resultFile: string, format: string, output: string): Promise<FormatFigures> {
  const child = await run([CHILD, resultFile, format, output]);
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  let figures: Partial<FormatFigures> = {};
  try {
    figures = JSON.parse(line) as Partial<FormatFigures>;
  } catch {
    // Reported below as missing figures with the child's stderr.
  }
  return {
    format,
    exitCode: child.exitCode,
    writeSeconds: figures.writeSeconds ?? null,
    rssLoadedMiB: figures.rssLoadedMiB ?? null,
    peakRssMiB: figures.peakRssMiB ?? null,
    fileMiB: existsSync(output) ? mib((await stat(output)).size) : null,
    ...(child.exitCode !== 0 ? { stderrTail: child.stderr.slice(-2000) } : {}),
  };
}

async function loadInChromium(file: string): Promise<HtmlLoad> {
  if (!existsSync(CHROMIUM)) return { loadSeconds: null, domRows: null, error: `${CHROMIUM} not found (apt-get install chromium, or set LAMBDA_POSTURE_CHROMIUM)` };
  const { chromium } = await import("playwright-core");
  const profile = await mkdtemp(join(tmpdir(), "lambda-posture-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1366, height: 900 },
    offline: true,
  });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: CHILD_TIMEOUT_MS });
    const loadSeconds = round((performance.now() - started) / 1000);
    const domRows = await page.locator("tr").count();
    return { loadSeconds, domRows };
  } catch (error) {
    return { loadSeconds: null, domRows: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function benchSize(label: string, functions: number, dir: string, resultFile?: string): Promise<SizeFigures> {
  const result = await resultFor(functions, dir, resultFile);
  // Read as diff reads it: a schemaVersion 3 document lists passed findings in compactFindings.
  const parsed = await readScanResult(result);
  const formats: FormatFigures[] = [];
  const outputs = new Map<string, string>();
  for (const reporter of REPORTERS) {
    const output = join(dir, `formats-${functions}.${reporter.extension}`);
    outputs.set(reporter.format, output);
    process.stderr.write(`bench: ${label}: writing ${reporter.format}...\n`);
    formats.push(await writeFormat(result, reporter.format, output));
  }
  const htmlFile = outputs.get("html");
  process.stderr.write(`bench: ${label}: loading the HTML in Chromium...\n`);
  const html = htmlFile && existsSync(htmlFile) ? await loadInChromium(htmlFile) : { loadSeconds: null, domRows: null, error: "no HTML written" };
  return { label, functions: parsed.summary.functions, findings: parsed.findings.length, formats, html };
}

export function formatsMarkdown(bench: ReportFormatsBench, command: string): string {
  const lines = [`Measured ${bench.generatedAt} with \`${command}\`: each format written from the stored result in a process of its own (\`node dist/bench/report-formats-child.js RESULT FORMAT FILE\`), the HTML opened from disk in Chromium through playwright-core.`, ""];
  const [small, large] = bench.sizes;
  const cell = (figures: FormatFigures | undefined) =>
    figures ? (figures.exitCode === 0 ? `${figures.writeSeconds ?? "n/a"} s, ${figures.peakRssMiB ?? "n/a"} MiB peak, ${size(figures.fileMiB)} file` : `failed (exit ${figures.exitCode})`) : "n/a";
  lines.push(`| format | ${small?.label ?? ""} | ${large?.label ?? ""} |`, "|---|---|---|");
  for (const figures of small?.formats ?? []) {
    lines.push(`| ${figures.format} | ${cell(figures)} | ${cell(large?.formats.find((other) => other.format === figures.format))} |`);
  }
  const htmlCell = (size: SizeFigures | undefined) => (size?.html.loadSeconds != null ? `${size.html.loadSeconds} s to the load event, ${size.html.domRows} table rows in the DOM` : `n/a (${size?.html.error ?? "not measured"})`);
  lines.push(`| HTML in Chromium | ${htmlCell(small)} | ${htmlCell(large)} |`, "");
  for (const figures of bench.sizes) {
    const loaded = figures.formats.map((format) => format.rssLoadedMiB).filter((value): value is number => value !== null);
    lines.push(`- ${figures.label}: ${figures.findings} findings in the result; reading the result takes ${loaded.length ? Math.max(...loaded) : "n/a"} MiB of the peaks above, before any format is written.`);
  }
  if (bench.organization) {
    const org = bench.organization;
    lines.push(
      `- Organisation workbook, ${org.accounts} accounts × ${org.functionsPerAccount} functions (the Accounts sheet links each account's own workbook): ${cell(org)}; the ${org.accounts} results built in the process take ${org.rssLoadedMiB ?? "n/a"} MiB of that peak.`,
    );
  }
  lines.push(`- Load average at the start: ${bench.loadAverage.join(", ")} (${bench.cpus} CPUs): times on a busy machine are longer, peaks are not.`);
  return lines.join("\n");
}

async function updateDocs(block: string): Promise<void> {
  const start = "<!-- bench-formats:start -->";
  const end = "<!-- bench-formats:end -->";
  const current = await readFile(DOCS_FILE, "utf8");
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from + start.length)}\n${block}\n${current.slice(to)}` : `${current.trimEnd()}\n\n${start}\n${block}\n${end}\n`;
  await writeFile(DOCS_FILE, next);
}

/** The demo and `functions` synthetic functions; `resultFile`: a `check` result of that account already written. */
export async function benchReportFormats(options: { functions: number; dir: string; resultFile?: string; docs: boolean; command: string }): Promise<ReportFormatsBench> {
  const bench: ReportFormatsBench = {
    generatedAt: new Date().toISOString(),
    loadAverage: loadavg().map((value) => round(value, 1)),
    cpus: cpus().length,
    sizes: [await benchSize("demo (26 functions)", 0, options.dir), await benchSize(`${options.functions.toLocaleString("en-US")} functions`, options.functions, options.dir, options.resultFile)],
  };
  process.stderr.write("bench: organisation of 100 accounts × 100 functions: writing xlsx...\n");
  const organization = await writeFormat("organization:100x100", "xlsx", join(options.dir, "formats-organization.xlsx"));
  bench.organization = { ...organization, accounts: 100, functionsPerAccount: 100 };
  await writeFile(RESULTS_FILE, `${JSON.stringify(bench, null, 2)}\n`);
  const block = formatsMarkdown(bench, options.command);
  if (options.docs) await updateDocs(block);
  process.stdout.write(`${block}\n\nwrote ${RESULTS_FILE}${options.docs ? ` and ${DOCS_FILE}` : ""}\n`);
  return bench;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const functionsAt = argv.indexOf("--functions");
  const functions = functionsAt >= 0 ? Number(argv[functionsAt + 1]) : 10_000;
  if (!Number.isInteger(functions) || functions < 1) throw new Error("--functions takes a positive whole number");
  const dir = await mkdtemp(join(tmpdir(), "lambda-posture-bench-formats-"));
  try {
    await benchReportFormats({ functions, dir, docs: !argv.includes("--no-docs"), command: `node dist/bench/report-formats.js${argv.length ? ` ${argv.join(" ")}` : ""}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
