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

/**
 * The HTML report in a real headless Chromium (Debian's `chromium` package; .ci/run installs it).
 * Checks that the page loads without console errors or network requests, that filters, sorting
 * and row expansion work, that hostile names stay text, and writes a screenshot for review.
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

  async function load(result: ScanResult, name: string): Promise<LoadedPage> {
    const file = join(workDir, `${name}.html`);
    writeFileSync(file, renderHtml(result));
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
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
    return { page, url, requests, problems };
  }

  const visibleRows = (page: Page) => page.locator("#findings tbody tr.finding");
  const count = (page: Page) => page.locator("#f-count").textContent();

  it("loads the fixture report with no console errors, no dialogs and no request but the file", async () => {
    const result = fixtureScanResult();
    const { page, url, requests, problems } = await load(result, "fixture");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const actionable = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");
    await expect(visibleRows(page).count()).resolves.toBe(actionable.length);
    await expect(count(page)).resolves.toBe(`Showing ${actionable.length} of ${actionable.length} findings`);
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
    const heatNames = await page.locator("#heatmap td.resource").allTextContents();
    expect(heatNames).toContain(HOSTILE_NAMES.script);
    expect(heatNames).toContain(HOSTILE_NAMES.img);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters by severity, check, region, layer, status and text, and resets", async () => {
    const result = fixtureScanResult();
    const actionable = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown");
    const { page, problems } = await load(result, "filters");
    const expectRows = async (expected: number) => {
      await expect(visibleRows(page).count()).resolves.toBe(expected);
      await expect(count(page)).resolves.toBe(`Showing ${expected} of ${actionable.length} findings`);
    };

    await page.selectOption("#f-severity", "critical");
    await expectRows(actionable.filter((f) => f.severity === "critical").length);
    await page.click("#f-reset");

    await page.selectOption("#f-check", "function-tracing-disabled");
    await expectRows(actionable.filter((f) => f.checkId === "function-tracing-disabled").length);
    await page.selectOption("#f-region", "us-east-1");
    await expectRows(actionable.filter((f) => f.checkId === "function-tracing-disabled" && f.resource.region === "us-east-1").length);
    await page.click("#f-reset");

    await page.selectOption("#f-layer", "provider");
    await expectRows(actionable.filter((f) => f.layer === "provider").length);
    await page.click("#f-reset");

    await page.selectOption("#f-status", "suppressed");
    await expectRows(actionable.filter((f) => f.suppressed).length);
    await page.selectOption("#f-status", "unknown");
    await expectRows(actionable.filter((f) => f.status === "unknown").length);
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

  it("sorts by a column and expands a row to its evidence, remediation and frameworks", async () => {
    const { page, problems } = await load(fixtureScanResult(), "sort");
    await page.click('#findings th[data-sort="check"] button');
    const ascending = await page.locator("#findings tbody tr.finding td.mono").allTextContents();
    expect(ascending).toEqual([...ascending].sort());
    await expect(page.locator('#findings th[data-sort="check"]').getAttribute("aria-sort")).resolves.toBe("ascending");
    await page.click('#findings th[data-sort="check"] button');
    const descending = await page.locator("#findings tbody tr.finding td.mono").allTextContents();
    expect(descending).toEqual([...ascending].reverse());

    await page.click("#f-reset");
    await page.selectOption("#f-check", "function-url-auth-none");
    await page.selectOption("#f-status", "open");
    const row = page.locator("#findings tbody tr.finding").first();
    const detail = page.locator("#findings tbody tr.detail").first();
    await expect(detail.isVisible()).resolves.toBe(false);
    await row.locator("button.expand").click();
    await expect(detail.isVisible()).resolves.toBe(true);
    await expect(row.locator("button.expand").getAttribute("aria-expanded")).resolves.toBe("true");
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain("url.authType");
    expect(text).toContain("aws lambda update-function-url-config");
    expect(text).toContain("AWS FSBP Lambda.1");
    await row.locator("button.expand").click();
    await expect(detail.isVisible()).resolves.toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("renders the demo report for review (screenshot and print layout)", async () => {
    const { result, source } = await demoScanResult();
    const { page, url, requests, problems } = await load(result, "demo");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    // The first screen as a reader sees it, then the whole page with the table narrowed to the
    // critical findings (the full table is thousands of pixels long) and one finding expanded.
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report-top.png") });
    await page.selectOption("#f-severity", "critical");
    await page.locator("#findings tbody tr.finding button.expand").first().click();
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report.png"), fullPage: true });
    await page.evaluate("window.scrollTo(0, 0)");
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".controls").isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(OUTPUT_DIR, "html-report-print.png"), fullPage: false });
    expect(existsSync(join(OUTPUT_DIR, "html-report.png")), `screenshot of the ${source} report`).toBe(true);
    await page.close();
  });
});
