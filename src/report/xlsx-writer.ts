import type ExcelJS from "exceljs";
import { looksLikeFormula, xlsxText } from "./cells.js";

/**
 * Streaming workbook writing for the XLSX reporter: each row goes to the zip as it is written, so
 * memory stays bounded whatever the number of findings (exceljs's in-memory workbook held every cell
 * as an object: 2.7 GB for 10,000 functions). Tables longer than Excel's row limit continue on
 * sheets named `Findings (2)`, `Findings (3)`, ….
 */

export type CellInput = string | number | boolean | null | undefined;

/** A cell that opens another file, relative to the workbook (an organisation's account reports). */
export interface LinkCell {
  text: string;
  hyperlink: string;
}

export interface ColumnSpec {
  header: string;
  width: number;
  /** Long text: wrapped, top-aligned. */
  wrap?: boolean;
}

/**
 * Excel's limits (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3,
 * read 2026-12-01): rows per sheet, the header included, and hyperlinks per sheet (beyond it a link is
 * written as its text).
 */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_HYPERLINKS = 65_530;

export interface TableSpec<T> {
  name: string;
  columns: readonly ColumnSpec[];
  items: readonly T[];
  cells: (item: T) => readonly (CellInput | LinkCell)[];
  /** A cell's own style (made once with `cellStyle`, shared by every cell that has it), or undefined for the default. */
  styleOf?: (item: T, column: number) => CellStyle | undefined;
  autoFilter?: boolean;
  /** Printed on one page (the Summary); other sheets print one page wide and as long as they are. */
  onePage?: boolean;
}

/** The sheet names a table takes: its own name, then `Name (2)`… for each further `maxRows - 1` rows. */
export function sheetNames(name: string, rows: number, maxRows: number): string[] {
  const perSheet = Math.max(1, maxRows - 1);
  const count = Math.max(1, Math.ceil(rows / perSheet));
  return Array.from({ length: count }, (_, index) => (index === 0 ? name : `${name} (${index + 1})`));
}

/**
 * Cell styles, each one shared object: exceljs recognises a style object it has seen and skips
 * serialising it again, which per-cell style objects made the largest cost of writing a workbook.
 * Never mutated after this point.
 */
export type CellStyle = Partial<ExcelJS.Style>;
const TOP: CellStyle = { alignment: { vertical: "top" } };
const WRAPPED: CellStyle = { alignment: { wrapText: true, vertical: "top" } };
// Text a spreadsheet would take for a formula if it were edited or re-imported: Text format "@".
const TOP_TEXT: CellStyle = { ...TOP, numFmt: "@" };
const WRAPPED_TEXT: CellStyle = { ...WRAPPED, numFmt: "@" };
const LINK: CellStyle = { ...TOP, font: { color: { argb: "FF0563C1" }, underline: true } };
const HEADER: CellStyle = { ...TOP, font: { bold: true }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE0E0E0" } } };

/** A style for a table's own emphasis (severity colours): top-aligned like every other cell. */
export function cellStyle(style: CellStyle): CellStyle {
  return { ...TOP, ...style };
}

/**
 * Writes one cell. Text is stored as a string cell (never as a formula); text that a spreadsheet
 * would take for a formula when edited or re-imported also gets the Text number format "@".
 */
function writeCell(cell: ExcelJS.Cell, value: CellInput | LinkCell, wrap: boolean, style: CellStyle | undefined, linksLeft: boolean): void {
  // An empty cell is left out of the sheet altogether (a styled empty cell is still written).
  if (value === null || value === undefined) return;
  if (typeof value === "object") {
    if (!linksLeft) return writeCell(cell, value.text, wrap, style, false);
    cell.value = { text: xlsxText(value.text), hyperlink: value.hyperlink };
    cell.style = LINK;
    return;
  }
  if (typeof value === "string") {
    cell.value = xlsxText(value);
    cell.style = style ?? (looksLikeFormula(value) ? (wrap ? WRAPPED_TEXT : TOP_TEXT) : wrap ? WRAPPED : TOP);
    return;
  }
  cell.value = value;
  cell.style = style ?? (wrap ? WRAPPED : TOP);
}

/** Landscape, one page wide, the header row on every page (issue: the workbook printed as 66 pages). */
function pageSetup(onePage: boolean): Partial<ExcelJS.PageSetup> {
  return {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages down as the rows need.
    fitToHeight: onePage ? 1 : 0,
    printTitlesRow: "1:1",
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

/** Lets the zip stream take what was written; committed rows otherwise pile up until the event loop turns. */
const ROWS_BETWEEN_YIELDS = 2000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly ColumnSpec[], onePage: boolean, autoFilter: boolean): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: pageSetup(onePage),
  });
  if (autoFilter) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const header = sheet.getRow(1);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.style = HEADER;
  });
  header.commit();
  return sheet;
}

/** Writes a table over as many sheets as Excel's row limit (`maxRows`, header included) needs. */
export async function writeTable<T>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: TableSpec<T>, maxRows: number): Promise<void> {
  const names = sheetNames(spec.name, spec.items.length, maxRows);
  const perSheet = Math.max(1, maxRows - 1);
  for (const [part, name] of names.entries()) {
    const sheet = addSheet(workbook, name, spec.columns, spec.onePage ?? false, spec.autoFilter ?? true);
    let links = 0;
    const end = Math.min(spec.items.length, (part + 1) * perSheet);
    for (let index = part * perSheet; index < end; index += 1) {
      const item = spec.items[index] as T;
      const row = sheet.getRow(index - part * perSheet + 2);
      spec.cells(item).forEach((value, column) => {
        if (typeof value === "object" && value !== null) links += 1;
        writeCell(row.getCell(column + 1), value, spec.columns[column]?.wrap ?? false, spec.styleOf?.(item, column), links <= EXCEL_MAX_HYPERLINKS);
      });
      row.commit();
      if (index % ROWS_BETWEEN_YIELDS === 0) await turn();
    }
    sheet.commit();
  }
}
