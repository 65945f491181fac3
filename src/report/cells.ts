/**
 * Spreadsheet-cell safety shared by every tabular reporter (CSV, XLSX).
 *
 * A value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
 * Excel, LibreOffice and Google Sheets ("CSV injection", https://owasp.org/www-community/attacks/CSV_Injection).
 * Function names, tags and policy text come from the scanned account, so any of them may be hostile.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** True when a spreadsheet would treat the text as a formula if typed or imported as-is. */
export function looksLikeFormula(value: string): boolean {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!);
}

/**
 * CSV cells: a leading apostrophe makes spreadsheets show the rest as text. OWASP's recommended
 * neutralisation; applied only to values that need it so ordinary text round-trips unchanged.
 */
export function neutraliseCsvCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

// Characters XML 1.0 forbids (an .xlsx is XML): exceljs writes them through and Excel then refuses
// the whole workbook. Tab, LF and CR are allowed.
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel refuses cells longer than this. */
export const MAX_CELL_LENGTH = 32_767;

/**
 * Text that is safe to store in an .xlsx cell: XML-legal and within Excel's cell limit. Line ends
 * become LF, which is what any XML reader would turn a raw CR into anyway.
 */
export function xlsxText(value: string): string {
  const clean = value.replace(XML_ILLEGAL, "\uFFFD").replace(/\r\n?/g, "\n");
  return clean.length > MAX_CELL_LENGTH ? `${clean.slice(0, MAX_CELL_LENGTH - 1)}…` : clean;
}
