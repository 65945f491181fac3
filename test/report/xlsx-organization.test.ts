import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { xlsxReporter } from "../../src/report/xlsx.js";
import { syntheticOrganization } from "../../bench/synthetic-organization.js";

/**
 * The benchmark's organisation of 100 accounts, one function each here (the workbook's size is
 * measured by `npm run bench`; here, its shape): one Accounts row per account, each linking to the
 * account's own workbook by a path relative to the organisation's.
 */
describe("organisation workbook of 100 accounts", () => {
  it("has one Accounts row per account, each with a relative link to the account's own workbook", async () => {
    const { organization, view } = await syntheticOrganization(100, 1);
    const bytes = (await xlsxReporter.render({ result: view, organization, checks: ALL_CHECKS, color: false, width: 80 })) as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Accounts")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect(sheet.rowCount - 1).toBe(100);
    const seen = new Set<string>();
    for (let row = 2; row <= sheet.rowCount; row += 1) {
      const accountId = String(cell(row, "Account"));
      seen.add(accountId);
      const path = `accounts/${accountId}/lambda-posture-${accountId}-20261101T000000Z.xlsx`;
      expect(cell(row, "Account report"), accountId).toEqual({ text: path, hyperlink: path });
    }
    expect(seen).toEqual(new Set(organization.accounts.map((entry) => entry.accountId)));
    expect(seen.size).toBe(100);
    const summary = new Map(workbook.getWorksheet("Summary")!.getSheetValues().slice(2).map((row) => [String((row as unknown[])[1]), (row as unknown[])[2]]));
    expect(summary.get("Accounts scanned")).toBe(100);
    expect(summary.get("Functions")).toBe(100);
  }, 60_000);
});
