import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { OrganizationResultBuilder, organizationView } from "../../src/engine/organization.js";
import { check } from "../../src/library/check.js";
import { xlsxReporter } from "../../src/report/xlsx.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../../stub/synthetic.js";

/**
 * An organisation of 100 accounts (one function each: the workbook's size is measured in
 * docs/performance.md; here, its shape): one Accounts row per account, each linking to the account's
 * own workbook by a path relative to the organisation's.
 */
describe("organisation workbook of 100 accounts", () => {
  it("has one Accounts row per account, each with a relative link to the account's own workbook", async () => {
    const builder = new OrganizationResultBuilder();
    const ids: string[] = [];
    for (let index = 0; index < 100; index += 1) {
      const accountId = String(100_000_000_000 + index * 7919);
      ids.push(accountId);
      const account = generateSyntheticAccount({ functions: 1, regions: ["eu-west-1"], seed: 500 + index, accountId });
      const result = await check(syntheticSnapshot(account, "2026-11-01T00:00:00.000Z"), { scanId: `scan-${index}`, startedAt: new Date("2026-11-01T00:00:00.000Z") });
      const base = `accounts/${accountId}/lambda-posture-${accountId}-20261101T000000Z`;
      builder.addScanned({ identity: { accountId, name: `team ${index}`, state: "ACTIVE", parentId: "r-a1b2" }, result, files: { json: `${base}.json`, xlsx: `${base}.xlsx`, html: `${base}.html` } });
    }
    const organization = builder.build({
      scanId: "org-100",
      tool: { name: "lambda-posture", version: "test" },
      startedAt: "2026-11-01T00:00:00.000Z",
      finishedAt: "2026-11-01T01:00:00.000Z",
      partition: "aws",
      organization: { id: "o-hundred01", managementAccountId: ids[0]! },
      selection: { source: "organization", organizationalUnits: [], excluded: [], shard: null },
    });
    const bytes = (await xlsxReporter.render({ result: organizationView(organization), organization, checks: ALL_CHECKS, color: false, width: 80 })) as Uint8Array;
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
    expect(seen).toEqual(new Set(ids));
    const summary = new Map(workbook.getWorksheet("Summary")!.getSheetValues().slice(2).map((row) => [String((row as unknown[])[1]), (row as unknown[])[2]]));
    expect(summary.get("Accounts scanned")).toBe(100);
    expect(summary.get("Functions")).toBe(100);
  }, 60_000);
});
