import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { organizationResultSchema, type OrganizationResult } from "../../src/engine/organization.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import type { Finding } from "../../src/engine/result-schema.js";
import { asffReporter, type AsffFinding } from "../../src/report/asff.js";
import { csvReporter } from "../../src/report/csv.js";
import { htmlReporter } from "../../src/report/html.js";
import { decodedFindings, embeddedData } from "./html-page.js";
import { jsonReporter } from "../../src/report/json.js";
import { MARKDOWN_LIMITS, markdownReporter } from "../../src/report/markdown.js";
import { ocsfReporter, type OcsfDetectionFinding } from "../../src/report/ocsf.js";
import { terminalReporter } from "../../src/report/terminal.js";
import type { ReportContext } from "../../src/report/types.js";
import { xlsxReporter } from "../../src/report/xlsx.js";
import { compareWorstFirst, gradeCapNote } from "../../src/engine/score.js";
import { HOSTILE_ACCOUNT_NAME, ORGANIZATION_ID, ORG_ACCOUNTS, PAYMENTS_OU, fixtureOrganization, organizationContext } from "./organization-results.js";

let organization: OrganizationResult;
let context: ReportContext;
let open: Finding[];

beforeAll(() => {
  organization = fixtureOrganization();
  context = organizationContext(organization);
  open = expandedFindings(context.result);
});

const text = async (reporter: { render: (c: ReportContext) => unknown }, c: ReportContext = context) => (await reporter.render(c)) as string;
const nameOf = (accountId: string) => organization.accounts.find((entry) => entry.accountId === accountId)?.name ?? "";

describe("the fixture organisation", () => {
  it("has two scanned accounts with findings, one failed with its gap and one skipped", () => {
    expect(organization.summary.accounts).toEqual({ total: 4, scanned: 2, failed: 1, skipped: 1 });
    expect(new Set(open.map((f) => f.accountId))).toEqual(new Set([ORG_ACCOUNTS.payments, ORG_ACCOUNTS.billing]));
    expect(organization.gaps.map((gap) => gap.accountId)).toEqual([ORG_ACCOUNTS.failed]);
  });
});

describe("JSON of an organisation", () => {
  it("is the organisation result itself, not the view the other reporters read", async () => {
    const parsed = JSON.parse(await text(jsonReporter));
    expect(parsed.kind).toBe("lambda-posture-organization");
    expect(organizationResultSchema.parse(parsed)).toEqual(organization);
    expect(parsed.accounts.map((entry: { accountId: string }) => entry.accountId)).toEqual([...Object.values(ORG_ACCOUNTS)].sort());
  });

  it("streams the same text, one account, resource and finding a line", async () => {
    const streamed = [...jsonReporter.stream!(context)].join("");
    expect(streamed).toBe(await text(jsonReporter));
    const lines = streamed.split("\n");
    for (const entry of organization.accounts) expect(lines.filter((line) => line.replace(/,$/, "") === JSON.stringify(entry))).toHaveLength(1);
  });
});

describe("CSV of an organisation", () => {
  it("names each row's account by id and by its Organizations name, neutralised like every cell", async () => {
    const rows = parse(await text(csvReporter)) as string[][];
    const header = rows[0]!;
    const column = (name: string) => header.indexOf(name);
    expect(header.slice(-3)).toEqual(["account_id", "account_name", "remediation_url"]);
    expect(rows).toHaveLength(organization.findings.length + 1);
    const byArnAndCheck = new Map(open.map((f) => [`${f.checkId} ${f.resource.arn}`, f]));
    for (const row of rows.slice(1)) {
      const finding = byArnAndCheck.get(`${row[column("check")]} ${row[column("resource_arn")]}`)!;
      expect(row[column("account_id")]).toBe(finding.accountId);
      const name = nameOf(finding.accountId);
      expect(row[column("account_name")]).toBe(name.startsWith("=") ? `'${name}` : name);
    }
    expect(rows.slice(1).some((row) => row[column("account_name")] === `'${HOSTILE_ACCOUNT_NAME}`)).toBe(true);
  });
});

describe("XLSX of an organisation", () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((await xlsxReporter.render(context)) as Uint8Array) as unknown as ExcelJS.Buffer);
  });
  const header = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const column = (sheet: ExcelJS.Worksheet, name: string) => {
    const index = header(sheet).indexOf(name) + 1;
    expect(index, name).toBeGreaterThan(0);
    return Array.from({ length: sheet.rowCount - 1 }, (_, row) => sheet.getRow(row + 2).getCell(index).value);
  };

  it("has an Accounts sheet instead of Functions, with the columns spelled out", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Accounts", "Findings", "Compliance", "Gaps", "Check errors", "Checks"]);
    expect(header(workbook.getWorksheet("Accounts")!)).toEqual([
      "Account", "Name", "Parent (OU or root)", "State", "Status", "Why not scanned", "Score", "Grade", "Grade capped", "Provider score",
      "Customer score", "Shared score", "Coverage %", "Failed (open)", "Unknown", "Functions", "Regions", "Collected", "Account report",
      "Account reports",
    ]);
  });

  it("Accounts: one row per account with its score, or why it was not scanned; frozen header and autofilter", () => {
    const sheet = workbook.getWorksheet("Accounts")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(JSON.stringify(sheet.autoFilter)).toContain("T1");
    // Scanned accounts worst grade first, then lowest score; then the failed, then the skipped.
    const key = (entry: (typeof organization.accounts)[number]) => ({ grade: entry.summary?.grade ?? null, score: entry.summary?.score ?? null });
    const statusOrder = { scanned: 0, failed: 1, skipped: 2 } as const;
    const accounts = [...organization.accounts].sort(
      (a, b) => statusOrder[a.status] - statusOrder[b.status] || compareWorstFirst(key(a), key(b)) || a.accountId.localeCompare(b.accountId),
    );
    expect(accounts.slice(-2).map((entry) => entry.status)).toEqual(["failed", "skipped"]);
    expect(column(sheet, "Account")).toEqual(accounts.map((entry) => entry.accountId));
    expect(column(sheet, "Status")).toEqual(accounts.map((entry) => entry.status));
    expect(column(sheet, "Score")).toEqual(accounts.map((entry) => entry.summary?.score ?? null));
    expect(column(sheet, "Grade capped")).toEqual(accounts.map((entry) => (entry.summary ? gradeCapNote(entry.summary.score, entry.summary.grade) : null)));
    const why = column(sheet, "Why not scanned");
    const failedRow = accounts.findIndex((entry) => entry.accountId === ORG_ACCOUNTS.failed);
    expect(why[failedRow]).toBe("failed (AccessDenied): the role lambda-posture-readonly could not be assumed");
    const skippedRow = accounts.findIndex((entry) => entry.accountId === ORG_ACCOUNTS.skipped);
    expect(why[skippedRow]).toContain("SUSPENDED");
    expect(column(sheet, "Parent (OU or root)")[failedRow]).toBe(PAYMENTS_OU);
    const paymentsRow = accounts.findIndex((entry) => entry.accountId === ORG_ACCOUNTS.payments);
    expect(column(sheet, "Account reports")[paymentsRow]).toBe(`json: ${ORG_ACCOUNTS.payments}/lambda-posture.json`);
    // Drill-down: a link relative to the organisation's workbook (here the only report written, the JSON).
    expect(column(sheet, "Account report")[paymentsRow]).toEqual({ text: `${ORG_ACCOUNTS.payments}/lambda-posture.json`, hyperlink: `${ORG_ACCOUNTS.payments}/lambda-posture.json` });
    expect(column(sheet, "Account report")[skippedRow]).toBeNull();
    // The hostile name is a text cell (never a formula), marked as Text.
    const nameCell = sheet.getRow(accounts.findIndex((entry) => entry.name === HOSTILE_ACCOUNT_NAME) + 2).getCell(2);
    expect(typeof nameCell.value).toBe("string");
    expect(nameCell.numFmt).toBe("@");
  });

  it("Findings: every row names its account and the account's name", () => {
    const sheet = workbook.getWorksheet("Findings")!;
    const accounts = column(sheet, "Account");
    expect(accounts).toHaveLength(organization.findings.length);
    expect(new Set(accounts)).toEqual(new Set([ORG_ACCOUNTS.payments, ORG_ACCOUNTS.billing]));
    const names = column(sheet, "Account name");
    accounts.forEach((account, index) => expect(String(names[index])).toBe(nameOf(String(account)).replace("\u001b", "\uFFFD")));
  });

  it("Summary and Gaps speak of the organisation and the account that could not be scanned", () => {
    const summary = Object.fromEntries(workbook.getWorksheet("Summary")!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 3)));
    expect(summary).toMatchObject({ Organisation: ORGANIZATION_ID, Accounts: 4, "Accounts scanned": 2, "Accounts failed": 1, "Accounts skipped": 1 });
    expect(summary["Organisation grade: why"]).toBe(gradeCapNote(context.result.summary.score, context.result.summary.grade) ?? "the score's own band");
    expect(summary).not.toHaveProperty("Account grade: why");
    expect(column(workbook.getWorksheet("Gaps")!, "Account")).toEqual([ORG_ACCOUNTS.failed]);
  });
});

describe("Markdown of an organisation", () => {
  it("puts the accounts, worst score first and those not scanned with why, before the findings", async () => {
    const markdown = await text(markdownReporter);
    expect(markdown).toMatch(new RegExp(`^## Lambda posture: organisation ${ORGANIZATION_ID}: score`));
    const accounts = markdown.indexOf("### Accounts");
    expect(accounts).toBeGreaterThan(0);
    expect(accounts).toBeLessThan(markdown.indexOf("### Findings"));
    const order = Object.values(ORG_ACCOUNTS).map((id) => ({ id, at: markdown.indexOf(`| \`${id}\``) }));
    for (const { at } of order) expect(at).toBeGreaterThan(accounts);
    const scanned = organization.accounts.filter((entry) => entry.summary).sort((a, b) => a.summary!.score! - b.summary!.score!);
    const position = (id: string) => order.find((o) => o.id === id)!.at;
    expect(position(scanned[0]!.accountId)).toBeLessThan(position(scanned[1]!.accountId));
    expect(position(scanned[1]!.accountId)).toBeLessThan(position(ORG_ACCOUNTS.failed));
    expect(position(ORG_ACCOUNTS.failed)).toBeLessThan(position(ORG_ACCOUNTS.skipped));
    expect(markdown).toContain("failed (AccessDenied): the role lambda-posture-readonly could not be assumed");
    expect(markdown).toContain("| Severity | Finding | Status | Control | Account | Resource | Region |");
    expect(markdown).toContain(`${ORG_ACCOUNTS.payments} payments-prod`);
    // The hostile account name is text: no tag, no link, no escape sequence.
    expect(markdown).not.toContain("<img");
    expect(markdown).toContain("\\[x\\](https://evil.example)");
    expect(markdown).not.toContain("\u001b");
  });
  it("still lists the accounts not scanned when the scanned ones fill the table", async () => {
    const billing = organization.accounts.find((entry) => entry.accountId === ORG_ACCOUNTS.billing)!;
    const many = Array.from({ length: MARKDOWN_LIMITS.accounts + 5 }, (_, i) => ({ ...billing, accountId: String(100000000000 + i) }));
    const unscanned = organization.accounts.filter((entry) => entry.status !== "scanned");
    const large = { ...organization, accounts: [...many, ...unscanned] };
    const markdown = await text(markdownReporter, { ...context, organization: large });
    for (const entry of unscanned) expect(markdown).toContain(`| \`${entry.accountId}\``);
    expect(markdown).not.toContain(`| \`${many.at(-1)!.accountId}\``);
    expect(markdown).toContain("… and 5 more scanned and 0 more not scanned account(s) in the full report.");
  });
});

describe("HTML of an organisation", () => {
  it("has an account filter, an account column and an account × layer heat map with scores as text", async () => {
    const html = await text(htmlReporter);
    expect(html).toContain(`<title>Lambda posture: organisation ${ORGANIZATION_ID}</title>`);
    expect(html).toContain('<select id="f-account">');
    expect(html).toContain('<th data-sort="account"><button type="button">Account</button></th>');
    const heat = html.slice(html.indexOf('id="heatmap"'), html.indexOf("</table>", html.indexOf('id="heatmap"')));
    const rows = heat.split("<tr").slice(2);
    expect(rows).toHaveLength(4);
    const billing = organization.accounts.find((entry) => entry.accountId === ORG_ACCOUNTS.billing)!.summary!;
    expect(rows[0]).toContain(ORG_ACCOUNTS.billing);
    for (const score of [billing.scoresByLayer.provider, billing.scoresByLayer.customer, billing.score]) {
      expect(rows[0]).toContain(`>${score === null ? "n/a" : score.toFixed(1)}</td>`);
    }
    expect(rows[2]).toContain("Not scanned: failed (AccessDenied)");
    expect(rows[3]).toContain("Not scanned: skipped");
    expect(html).not.toContain("<img src=x onerror=alert(7)>");
    expect(html).toContain("&lt;img src=x onerror=alert(7)&gt;");
  });

  it("gives the script each finding's account id and name", async () => {
    const data = embeddedData(await text(htmlReporter));
    const findings = decodedFindings(data);
    expect(findings).toHaveLength(organization.findings.length);
    const names = new Map(data.accounts.map(([id, name]) => [id, name]));
    for (const finding of findings) expect(names.get(finding.accountId)).toBe(nameOf(finding.accountId));
  });
});

describe("OCSF of an organisation", () => {
  it("gives each finding its own account, the account's name, the organisation and the OU when there is one", async () => {
    const records = JSON.parse(await text(ocsfReporter)) as OcsfDetectionFinding[];
    expect(records).toHaveLength(open.filter((f) => f.status === "fail").length);
    const accountOf = new Map(open.map((f) => [`${f.checkId}/${f.resource.arn}`, f.accountId]));
    for (const record of records) {
      const accountId = accountOf.get(`${record.finding_info.analytic.uid}/${record.resources[0]!.uid}`)!;
      expect(record.cloud.account).toEqual({ uid: accountId, name: nameOf(accountId), type_id: 10, type: "AWS Account" });
      expect(record.cloud.org).toEqual(accountId === ORG_ACCOUNTS.payments ? { uid: ORGANIZATION_ID, ou_uid: PAYMENTS_OU } : { uid: ORGANIZATION_ID });
    }
    expect(new Set(records.map((r) => r.cloud.account.uid))).toEqual(new Set([ORG_ACCOUNTS.payments, ORG_ACCOUNTS.billing]));
  });
});

describe("ASFF of an organisation", () => {
  it("puts each finding in its own account (AwsAccountId and ProductArn), with the account's name and parent", async () => {
    const findings = JSON.parse(await text(asffReporter)) as AsffFinding[];
    expect(new Set(findings.map((f) => f.AwsAccountId))).toEqual(new Set([ORG_ACCOUNTS.payments, ORG_ACCOUNTS.billing]));
    for (const finding of findings) {
      const account = finding.AwsAccountId;
      expect(finding.ProductArn).toBe(`arn:aws:securityhub:${finding.Region}:${account}:product/${account}/default`);
      expect(finding.AwsAccountName!.length).toBeLessThanOrEqual(50);
      expect(nameOf(account).startsWith(finding.AwsAccountName!.replace(/…$/, ""))).toBe(true);
      expect(finding.ProductFields["lambda-posture/AccountParentId"]).toBe(account === ORG_ACCOUNTS.payments ? PAYMENTS_OU : "r-a1b2");
    }
  });
});

describe("terminal summary of an organisation", () => {
  it("counts accounts, lists the worst and the ones not scanned with why, and labels findings by account", async () => {
    const out = await text(terminalReporter, { ...context, width: 80 });
    for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(out).toContain(`organisation ${ORGANIZATION_ID} · 2 region(s) · 16 function(s)\n4 account(s): 2 scanned, 1 failed, 1 skipped\n`);
    expect(out).toMatch(/Organisation score [\d.]+ {2}grade [A-F]/);
    const worst = out.indexOf("Worst accounts");
    const notScanned = out.indexOf("Not scanned: 2 account(s)");
    expect(worst).toBeGreaterThan(0);
    expect(notScanned).toBeGreaterThan(worst);
    expect(out.indexOf(ORG_ACCOUNTS.billing, worst)).toBeLessThan(out.indexOf(ORG_ACCOUNTS.payments, worst));
    expect(out).toContain(`${ORG_ACCOUNTS.failed} legacy · failed (AccessDenied): the role lambda-posture-readonly`);
    expect(out).toContain(`${ORG_ACCOUNTS.skipped} closed-sandbox · skipped`);
    // What is wrong first; the account, the check and its title under it.
    expect(out).toMatch(new RegExp(`CRITICAL +payments-api: The function URL accepts .*\\n {11}\\[${ORG_ACCOUNTS.payments} payments-prod\\] function-url-auth-none · `));
    expect(out).not.toContain("Gaps:");
    expect(out).not.toContain("\u001b");
  });

  it("shows control characters in account names as visible escapes", async () => {
    const out = await text(terminalReporter, { ...context, width: 120 });
    expect(out).toContain("\\x1b[2J");
    expect(out).not.toContain("\u001b");
  });
});
