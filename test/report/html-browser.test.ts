import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { organizationView } from "../../src/engine/organization.js";
import { evidenceFacts } from "../../src/report/evidence-facts.js";
import { remediationUrl } from "../../src/report/finding-fields.js";
import { OUTPUT_DIR, PAGE, matched, useReportBrowser, visibleRows } from "./html-browser.js";
import { HOSTILE_ACCOUNT_NAME, ORG_ACCOUNTS, fixtureOrganization } from "./organization-results.js";
import { HOSTILE_NAMES, demoScanResult, fixtureScanResult } from "./scan-results.js";

/**
 * The HTML report in a real headless Chromium: the page loads without console errors or network
 * requests, filters, sorting, paging and row expansion work, hostile names stay text, and it writes
 * screenshots for review. html-scale.test.ts covers narrow screens and a large account.
 */
describe("html report in headless Chromium", () => {
  const load = useReportBrowser();
  const actionableOf = (result: ScanResult) => expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");

  it("loads the fixture report with no console errors, no dialogs and no request but the file", async () => {
    const result = fixtureScanResult();
    const { page, url, requests, problems } = await load(result, "fixture");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const actionable = actionableOf(result);
    await expect(visibleRows(page).count()).resolves.toBe(Math.min(PAGE, actionable.length));
    await expect(matched(page)).resolves.toBe(actionable.length);
    await expect(page.locator("#f-count").textContent()).resolves.toMatch(new RegExp(`^${actionable.length} of ${result.findings.length} results match`));
    // The functions table, worst first: the first row has the lowest grade.
    await expect(page.locator("#functions tbody tr").count()).resolves.toBe(result.functions.length);
    await page.close();
  });

  it("keeps hostile names as text and injects no element", async () => {
    const { page, problems } = await load(fixtureScanResult(), "hostile");
    await expect(page.locator("script").count()).resolves.toBe(2);
    await expect(page.locator("img").count()).resolves.toBe(0);
    await page.fill("#f-text", "alert(1)");
    const cells = await page.locator("#findings tbody tr.finding td.resource").allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells)).toEqual(new Set([HOSTILE_NAMES.script]));
    const names = await page.locator("#functions td.resource").allTextContents();
    expect(names).toContain(HOSTILE_NAMES.script);
    expect(names).toContain(HOSTILE_NAMES.img);
    await page.fill("#fn-text", "onerror");
    await expect(page.locator("#functions td.resource").allTextContents()).resolves.toEqual([HOSTILE_NAMES.img]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters by severity, check, region, layer, status and text, shows passes on request, and resets", async () => {
    const result = fixtureScanResult();
    const all = expandedFindings(result);
    const actionable = actionableOf(result);
    const { page, problems } = await load(result, "filters");
    const expectRows = async (expected: number) => {
      await expect(matched(page)).resolves.toBe(expected);
      await expect(visibleRows(page).count()).resolves.toBe(Math.min(PAGE, expected));
    };

    await page.selectOption("#f-severity", { label: "critical" });
    await expectRows(actionable.filter((f) => f.severity === "critical").length);
    await page.click("#f-reset");

    await page.selectOption("#f-check", { label: "function-tracing-disabled" });
    await expectRows(actionable.filter((f) => f.checkId === "function-tracing-disabled").length);
    await page.selectOption("#f-region", { label: "us-east-1" });
    await expectRows(actionable.filter((f) => f.checkId === "function-tracing-disabled" && f.resource.region === "us-east-1").length);
    await page.click("#f-reset");

    await page.selectOption("#f-layer", "provider");
    await expectRows(actionable.filter((f) => f.layer === "provider").length);
    await page.click("#f-reset");

    await page.selectOption("#f-status", "suppressed");
    await expectRows(all.filter((f) => f.suppressed).length);
    await page.selectOption("#f-status", "unknown");
    await expectRows(all.filter((f) => f.status === "unknown").length);
    await page.selectOption("#f-status", "open");
    await expectRows(all.filter((f) => f.status === "fail" && !f.suppressed).length);
    await page.selectOption("#f-status", "pass");
    await expectRows(all.filter((f) => f.status === "pass").length);
    await expect(visibleRows(page).first().locator("td.status").textContent()).resolves.toMatch(/^pass/);
    await page.selectOption("#f-status", "all");
    await expectRows(all.length);
    await page.click("#f-reset");

    await page.fill("#f-text", "legacy-report");
    await expectRows(actionable.filter((f) => f.resource.name === "legacy-report").length);
    await page.fill("#f-text", "no such thing anywhere");
    await expectRows(0);
    await expect(page.locator("#findings tbody tr.empty").textContent()).resolves.toBe("No finding matches the filters.");
    await page.click("#f-reset");
    await expectRows(actionable.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("leads each row with what is wrong, sorts by a column and expands a row to evidence facts, raw JSON and remediation", async () => {
    const result = fixtureScanResult();
    const { page, problems } = await load(result, "sort");
    const open = actionableOf(result).filter((f) => f.checkId === "function-url-auth-none" && !f.suppressed);
    await page.selectOption("#f-check", { label: "function-url-auth-none" });
    await page.selectOption("#f-status", "open");
    const row = visibleRows(page).first();
    await expect(row.locator("td.headline").textContent()).resolves.toBe(open[0]!.message);
    await expect(row.locator("td.control").textContent()).resolves.toBe(`${open[0]!.title}function-url-auth-none`);

    await page.click("#f-reset");
    await page.click('#findings th[data-sort="resource"] button');
    const byName = (names: string[]) => [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    const ascending = await page.locator("#findings tbody tr.finding td.resource").allTextContents();
    expect(ascending).toEqual(byName(ascending));
    await expect(page.locator('#findings th[data-sort="resource"]').getAttribute("aria-sort")).resolves.toBe("ascending");
    await page.click('#findings th[data-sort="resource"] button');
    const descending = await page.locator("#findings tbody tr.finding td.resource").allTextContents();
    expect(descending).toEqual(byName(descending).reverse());

    await page.click("#f-reset");
    await page.selectOption("#f-check", { label: "function-url-auth-none" });
    await page.selectOption("#f-status", "open");
    await expect(page.locator("#findings tbody tr.detail").count()).resolves.toBe(0);
    await row.locator("button.expand").click();
    const detail = page.locator("#findings tbody tr.detail").first();
    await expect(detail.isVisible()).resolves.toBe(true);
    await expect(row.locator("button.expand").getAttribute("aria-expanded")).resolves.toBe("true");
    const facts = await detail.locator("dl.facts dt").allTextContents();
    expect(facts.length).toBeGreaterThan(0);
    expect(facts).toEqual(evidenceFacts(open[0]!.evidence).map((fact) => fact.label));
    const raw = detail.locator("details");
    await expect(raw.locator("pre").isVisible()).resolves.toBe(false);
    await raw.locator("summary").click();
    await expect(raw.locator("pre").isVisible()).resolves.toBe(true);
    expect(JSON.parse((await raw.locator("pre").textContent())!)).toEqual(open[0]!.evidence);
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain("aws lambda update-function-url-config");
    expect(text).toContain("AWS FSBP Lambda.1");
    await expect(detail.locator("a").getAttribute("href")).resolves.toBe(remediationUrl("function-url-auth-none"));
    await row.locator("button.expand").click();
    await expect(page.locator("#findings tbody tr.detail").count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters an organisation's findings by account, shows each row's account, the heat map and links to each account's report", async () => {
    const base = fixtureOrganization();
    const billingReport = `accounts/${ORG_ACCOUNTS.billing}/lambda-posture-${ORG_ACCOUNTS.billing}-20261101T123000Z.html`;
    const organization = { ...base, accounts: base.accounts.map((entry) => (entry.accountId === ORG_ACCOUNTS.billing ? { ...entry, files: { ...entry.files, html: billingReport } } : entry)) };
    const view = organizationView(organization);
    const actionable = expandedFindings(view);
    const { page, url, requests, problems } = await load(view, "organization", organization);
    expect(requests).toEqual([url]);
    await expect(matched(page)).resolves.toBe(actionable.length);
    const options = await page.locator("#f-account option").allTextContents();
    expect(options).toEqual(["all", ...[...organization.accounts].sort((a, b) => a.accountId.localeCompare(b.accountId)).map((a) => (a.name ? `${a.accountId} ${a.name}` : a.accountId))]);
    await page.selectOption("#f-account", { label: `${ORG_ACCOUNTS.billing} ${HOSTILE_ACCOUNT_NAME}` });
    const billing = actionable.filter((f) => f.accountId === ORG_ACCOUNTS.billing).length;
    await expect(matched(page)).resolves.toBe(billing);
    const cells = await page.locator("#findings tbody tr.finding td.account").allTextContents();
    expect(new Set(cells)).toEqual(new Set([`${ORG_ACCOUNTS.billing}${HOSTILE_ACCOUNT_NAME}`]));
    await page.click("#f-reset");
    await expect(matched(page)).resolves.toBe(actionable.length);
    const heat = page.locator("#heatmap tbody tr");
    await expect(heat.count()).resolves.toBe(organization.accounts.length);
    await expect(heat.nth(2).textContent()).resolves.toContain("Not scanned: failed (AccessDenied)");
    const link = page.locator("#heatmap a.account-report");
    await expect(link.count()).resolves.toBe(1);
    await expect(link.getAttribute("href")).resolves.toBe(billingReport);
    await expect(page.locator("img").count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("renders the demo report for review (screenshot and print layout)", async () => {
    const { result, source } = await demoScanResult();
    const { page, url, requests, problems } = await load(result, "demo");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report-top.png") });
    await page.selectOption("#f-severity", { label: "critical" });
    await page.locator("#findings tbody tr.finding button.expand").first().click();
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report.png"), fullPage: true });
    await page.evaluate("window.scrollTo(0, 0)");
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".controls").first().isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report-print.png"), fullPage: false });
    expect(existsSync(join(OUTPUT_DIR, "html-report.png")), `screenshot of the ${source} report`).toBe(true);
    await page.close();
  });
});
