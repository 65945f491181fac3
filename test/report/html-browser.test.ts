import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { renderHtml } from "../../src/report/html.js";
import { ROOT } from "../support/cli.js";
import { HOSTILE_NAMES, demoScanResult, fixtureScanResult } from "./scan-results.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { organizationView, type OrganizationResult } from "../../src/engine/organization.js";
import { ALL_CHECKS } from "../../checks/index.js";
import { evidenceFacts } from "../../src/report/evidence-facts.js";
import { remediationUrl } from "../../src/report/finding-fields.js";
import type { TrendPoint } from "../../src/report/types.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../../stub/synthetic.js";
import { evaluateForTest } from "../support/evaluate.js";
import { HOSTILE_ACCOUNT_NAME, ORG_ACCOUNTS, fixtureOrganization } from "./organization-results.js";

/**
 * The HTML report in a real headless Chromium (Debian's `chromium` package; .ci/run installs it).
 * Checks that the page loads without console errors or network requests, that filters, sorting,
 * paging and row expansion work over every result, that the DOM stays at one page of rows, that the
 * page fits a phone's width, that hostile names stay text, and writes screenshots for review.
 */
const CHROMIUM = process.env.LAMBDA_POSTURE_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OUTPUT_DIR = join(ROOT, "test-output");

interface LoadedPage {
  page: Page;
  url: string;
  requests: string[];
  problems: string[];
}

describe("html report in headless Chromium", () => {
  let context: BrowserContext;
  let workDir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set LAMBDA_POSTURE_CHROMIUM`);
    }
    workDir = mkdtempSync(join(tmpdir(), "lp-html-"));
    // launchPersistentContext gives the browser a fresh --user-data-dir of our own.
    context = await chromium.launchPersistentContext(join(workDir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1366, height: 900 },
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function load(result: ScanResult, name: string, organization?: OrganizationResult, width = 1366, history?: readonly TrendPoint[]): Promise<LoadedPage> {
    const file = join(workDir, `${name}.html`);
    writeFileSync(file, renderHtml(result, organization, history));
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", async (dialog) => {
      problems.push(`dialog opened (script injection): ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("#findings tbody tr");
    await page.waitForSelector("#f-count[data-matched]");
    return { page, url, requests, problems };
  }

  const visibleRows = (page: Page) => page.locator("#findings tbody tr.finding");
  const matched = async (page: Page) => Number(await page.locator("#f-count").getAttribute("data-matched"));
  const actionableOf = (result: ScanResult) => expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");
  const PAGE = 100;

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

  it("fits 360 and 420 px screens: no sideways page scroll, names unbroken, an expanded row readable", async () => {
    const { result } = await demoScanResult();
    const organization = fixtureOrganization();
    for (const [name, page] of [
      ["account", (await load(result, "narrow", undefined, 360)).page],
      ["organisation", (await load(organizationView(organization), "narrow-org", organization, 360)).page],
    ] as const) {
      await page.locator("#findings tbody tr.finding button.expand").first().click();
      await page.locator("#findings tbody tr.detail details summary").first().click();
      for (const width of [360, 420]) {
        await page.setViewportSize({ width, height: 900 });
        const layout = (await page.evaluate(`({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          names: [...new Set([...document.querySelectorAll("td.resource")].map((cell) => getComputedStyle(cell).whiteSpace))],
          detailRight: document.querySelector("tr.detail .detail-box").getBoundingClientRect().right,
        })`)) as { scrollWidth: number; innerWidth: number; names: string[]; detailRight: number };
        expect(layout.innerWidth).toBe(width);
        expect(layout.scrollWidth, `${name} report at ${width} px`).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.names).toEqual(["nowrap"]);
        expect(layout.detailRight).toBeLessThanOrEqual(width);
        if (name === "account") await page.screenshot({ path: join(OUTPUT_DIR, `html-report-${width}.png`), fullPage: false });
      }
      await page.close();
    }
  });

  it("keeps the DOM to one page of rows at a few thousand functions, and every filter reaches every finding", async () => {
    const account = generateSyntheticAccount({ functions: 2000, regions: ["us-east-1", "eu-west-1", "ap-south-1"], seed: 7 });
    const result = await evaluateForTest(syntheticSnapshot(account, "2026-11-01T00:00:00.000Z"), { checks: ALL_CHECKS });
    const all = expandedFindings(result);
    expect(all.length).toBeGreaterThan(50_000);
    const history = [
      { scanId: "a", finishedAt: "2026-10-25T00:00:00Z", score: 61.2, grade: "D" as const, scoresByLayer: { provider: 70, customer: 55, shared: 60 }, newFindings: null, resolvedFindings: null },
      { scanId: "b", finishedAt: "2026-11-01T00:00:00Z", score: result.summary.score, grade: result.summary.grade, scoresByLayer: result.summary.scoresByLayer, newFindings: 40, resolvedFindings: 12 },
    ];
    const { page, problems } = await load(result, "large", undefined, 1366, history);
    const rowsInDom = async () => Number(await page.evaluate('document.querySelectorAll("tr").length'));
    await expect(visibleRows(page).count()).resolves.toBe(PAGE);
    // One page of findings, one of functions, and the small static tables (scores, gaps, compliance).
    expect(await rowsInDom()).toBeLessThan(PAGE + 50 + 200);
    await expect(page.locator("#functions tbody tr").count()).resolves.toBe(50);
    await expect(page.locator("svg.trend path.trend-line").count()).resolves.toBe(4);

    const count = (test: (f: (typeof all)[number]) => boolean) => all.filter(test).length;
    // Every choice of one select, in the page: the number of results each matches.
    const matchedFor = async (select: string, values: readonly string[]) =>
      (await page.evaluate(`(${JSON.stringify({ select, values })}).values.map((value) => {
        const control = document.getElementById("${select}");
        control.value = value;
        control.dispatchEvent(new Event("change"));
        return Number(document.getElementById("f-count").getAttribute("data-matched"));
      })`)) as number[];
    const statuses = {
      "": (f: (typeof all)[number]) => f.status === "fail" || f.status === "unknown",
      open: (f: (typeof all)[number]) => f.status === "fail" && !f.suppressed,
      fail: (f: (typeof all)[number]) => f.status === "fail",
      unknown: (f: (typeof all)[number]) => f.status === "unknown",
      suppressed: (f: (typeof all)[number]) => f.suppressed !== undefined,
      pass: (f: (typeof all)[number]) => f.status === "pass",
      not_applicable: (f: (typeof all)[number]) => f.status === "not_applicable",
      all: () => true,
    };
    expect(await matchedFor("f-status", Object.keys(statuses))).toEqual(Object.values(statuses).map(count));
    const severities = ["critical", "high", "medium", "low", "info"];
    expect(await matchedFor("f-severity", severities.map((_, i) => String(i)))).toEqual(severities.map((s) => count((f) => f.severity === s)));
    await page.selectOption("#f-severity", "");
    const checkIds = (await page.locator("#f-check option").allTextContents()).slice(1);
    expect(new Set(checkIds)).toEqual(new Set(result.checks.map((c) => c.id)));
    const perCheck = await matchedFor("f-check", checkIds.map((_, i) => String(i)));
    expect(perCheck).toEqual(checkIds.map((id) => count((f) => f.checkId === id)));
    expect(perCheck.reduce((a, b) => a + b, 0)).toBe(all.length);
    await page.selectOption("#f-check", "");
    // The last page holds the rest, and paging never adds rows to the DOM.
    const pages = Math.ceil(all.length / PAGE);
    await expect(page.locator("#f-page").textContent()).resolves.toBe(`Page 1 of ${pages}`);
    for (let i = 0; i < 3; i++) await page.click("#f-next");
    await expect(page.locator("#f-page").textContent()).resolves.toBe("Page 4 of 4".replace("4 of 4", `4 of ${pages}`));
    expect(await rowsInDom()).toBeLessThan(PAGE + 50 + 200);
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
