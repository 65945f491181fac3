import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xlsxReporter } from "../../src/report/xlsx.js";
import { contextFor, demoScanResult } from "./scan-results.js";

/**
 * The workbook as paper: converted to PDF by LibreOffice headless (what a reviewer's "print" does),
 * pages counted per sheet. LibreOffice prints only visible sheets, so each sheet is converted from a
 * copy of the workbook in which every other sheet is hidden. Skipped where LibreOffice is absent
 * (Debian: apt-get install libreoffice-calc-nogui).
 */

const soffice = ["soffice", "libreoffice"]
  .flatMap((name) => (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, name)))
  .find((path) => existsSync(path));

const title = soffice
  ? "xlsx print layout, through LibreOffice's PDF export"
  : "xlsx print layout (SKIPPED: LibreOffice's soffice is not on PATH; apt-get install libreoffice-calc-nogui to run it)";

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree nodes). */
function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/** Each page's MediaBox as [width, height] in points. */
function pageSizes(pdf: Buffer): [number, number][] {
  return [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
}

async function copyWith(bytes: Buffer, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Only sheet `index` visible (and active): LibreOffice prints visible sheets only. */
function onlySheet(index: number) {
  return (workbook: ExcelJS.Workbook) => {
    workbook.worksheets.forEach((sheet, position) => {
      sheet.state = position === index ? "visible" : "hidden";
    });
    workbook.views = [{ activeTab: index, x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, visibility: "visible" }];
  };
}

/** Sheet `index` alone, cut to its header and first data row, with its own widths and page setup. */
async function firstRowOf(bytes: Buffer, index: number): Promise<Buffer> {
  const source = new ExcelJS.Workbook();
  await source.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = source.worksheets[index]!;
  const copy = new ExcelJS.Workbook();
  const target = copy.addWorksheet(sheet.name, { pageSetup: sheet.pageSetup, views: sheet.views });
  target.columns = sheet.columns.map((column) => ({ width: column.width ?? 9 }));
  for (const number of [1, 2]) {
    sheet.getRow(number).eachCell((cell, column) => {
      const to = target.getRow(number).getCell(column);
      to.value = cell.value;
      to.style = cell.style;
    });
  }
  return Buffer.from(await copy.xlsx.writeBuffer());
}

describe.skipIf(!soffice)(title, () => {
  let dir: string;
  let names: string[];
  const pdfs = new Map<string, Buffer>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lambda-posture-print-"));
    const { result } = await demoScanResult();
    const bytes = Buffer.from((await xlsxReporter.render(contextFor(result))) as Uint8Array);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    names = workbook.worksheets.map((sheet) => sheet.name);
    const inputs: string[] = [join(dir, "whole.xlsx")];
    await writeFile(inputs[0]!, bytes);
    // The Summary whole; every other sheet cut to its header and first row (its width is what is tested).
    // Each file converted costs LibreOffice a second or more, so no more than these.
    const summary = names.indexOf("Summary");
    inputs.push(join(dir, "summary.xlsx"));
    await writeFile(inputs.at(-1)!, await copyWith(bytes, onlySheet(summary)));
    for (const index of names.keys()) {
      if (index === summary) continue;
      inputs.push(join(dir, `sheet-${index}-first-row.xlsx`));
      await writeFile(inputs.at(-1)!, await firstRowOf(bytes, index));
    }
    // A profile of its own: another LibreOffice running as this user would otherwise take the job.
    execFileSync(soffice!, [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "pdf"), ...inputs], {
      timeout: 150_000,
      stdio: "ignore",
    });
    for (const file of await readdir(join(dir, "pdf"))) pdfs.set(file.replace(/\.pdf$/, ""), await readFile(join(dir, "pdf", file)));
  }, 180_000);

  afterAll(async () => {
    if (dir && !process.env.KEEP) await rm(dir, { recursive: true, force: true });
  });

  it("converted the whole workbook, the Summary and each other sheet's first row", () => {
    expect([...pdfs.keys()].sort()).toEqual(["summary", "whole", ...names.flatMap((name, index) => (name === "Summary" ? [] : [`sheet-${index}-first-row`]))].sort());
  });

  it("prints every page landscape", () => {
    const sizes = pageSizes(pdfs.get("whole")!);
    expect(sizes.length).toBeGreaterThan(0);
    for (const [width, height] of sizes) expect(width).toBeGreaterThan(height);
  });

  it("prints the Summary on one page", () => {
    expect(pageCount(pdfs.get("summary")!)).toBe(1);
  });

  it("no sheet is wider than one page: its header and first row print on one page", () => {
    const others = names.filter((name) => name !== "Summary");
    const pages = Object.fromEntries(others.map((name) => [name, pageCount(pdfs.get(`sheet-${names.indexOf(name)}-first-row`)!)]));
    expect(pages).toEqual(Object.fromEntries(others.map((name) => [name, 1])));
  });

  it("the whole workbook prints on a handful of pages", () => {
    // The demo account printed on dozens of pages before fit-to-width was enabled.
    const whole = pageCount(pdfs.get("whole")!);
    expect(whole).toBeGreaterThanOrEqual(names.length);
    expect(whole).toBeLessThanOrEqual(names.length * 2);
  });
});
